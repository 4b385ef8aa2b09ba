import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { RequestContext } from '../../http/request-context.decorator';
import { RunWebhookCommand } from '../shared/run-webhook-command';
import { WebhookParams } from '../shared/webhook.params';
import { WebhookCommandResponse } from '../shared/webhook.responses';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class DeleteWebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Delete(':id')
  @Access('manage-webhooks')
  @HttpCode(200)
  @ApiOperation({ summary: 'Delete an endpoint', description: 'Deliveries stop and its secrets are erased; the id is never reused.' })
  @ApiOkResponse({ type: WebhookCommandResponse })
  remove(@Param() { id }: WebhookParams, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(new RunWebhookCommand({ type: 'DeleteWebhook', data: { webhookId: id }, metadata: { now: context.occurredAt } }, context));
  }
}
