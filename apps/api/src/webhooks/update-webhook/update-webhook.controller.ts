import { Body, Controller, HttpCode, Param, Patch } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { RequestContext } from '../../http/request-context.decorator';
import { RunWebhookCommand } from '../shared/run-webhook-command';
import { WebhookParams } from '../shared/webhook.params';
import { WebhookCommandResponse } from '../shared/webhook.responses';
import { UpdateWebhookDto } from './update-webhook.dto';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class UpdateWebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Patch(':id')
  @Access('manage-webhooks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Change an endpoint: URL, event types, description, enabled',
    description: 'Re-enabling resumes from where deliveries stopped: waiting deliveries are tried again at once. Sending what is already there writes nothing.',
  })
  @ApiOkResponse({ type: WebhookCommandResponse })
  update(@Param() { id }: WebhookParams, @Body() body: UpdateWebhookDto, @RequestContext() context: CommandContext) {
    const data = { webhookId: id, url: body.url, eventTypes: body.eventTypes, description: body.description, enabled: body.enabled, reason: body.reason ?? null };
    return this.commandBus.execute(new RunWebhookCommand({ type: 'UpdateWebhook', data, metadata: { now: context.occurredAt } }, context));
  }
}
