import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { ShowsSecret } from '../../http/idempotency.interceptor';
import { RequestContext } from '../../http/request-context.decorator';
import { RegisteredWebhookResponse } from '../shared/webhook.responses';
import { RegisterWebhookCommand } from './register-webhook.command';
import { RegisterWebhookDto } from './register-webhook.dto';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class RegisterWebhookController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post()
  @Access('manage-webhooks')
  @ShowsSecret()
  @HttpCode(201)
  @ApiOperation({
    summary: 'Register a webhook endpoint',
    description: 'It receives the events appended from now on, signed with the secret in this answer (shown once). See docs/webhooks.md.',
  })
  @ApiCreatedResponse({ type: RegisteredWebhookResponse })
  register(@Body() body: RegisterWebhookDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(new RegisterWebhookCommand(body.url, body.eventTypes, body.description ?? null, context));
  }
}
