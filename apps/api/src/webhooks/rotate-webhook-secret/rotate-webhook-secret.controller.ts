import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { ShowsSecret } from '../../http/idempotency.interceptor';
import { RequestContext } from '../../http/request-context.decorator';
import { WebhookParams } from '../shared/webhook.params';
import { RotatedSecretResponse } from '../shared/webhook.responses';
import { RotateWebhookSecretCommand } from './rotate-webhook-secret.command';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class RotateWebhookSecretController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/rotate-secret')
  @Access('manage-webhooks')
  @ShowsSecret()
  @HttpCode(200)
  @ApiOperation({
    summary: "Rotate an endpoint's secret",
    description: 'Every delivery from now on carries two signatures, one per secret, until the previous secret expires 24 h later: the receiver may switch keys at any time in between.',
  })
  @ApiOkResponse({ type: RotatedSecretResponse })
  rotate(@Param() { id }: WebhookParams, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(new RotateWebhookSecretCommand(id, context));
  }
}
