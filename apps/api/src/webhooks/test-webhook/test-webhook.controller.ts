import { Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { EventStore } from '@partnerships/event-store';
import { sendWebhookPing } from '@partnerships/webhooks';
import { Access } from '../../auth/access.decorator';
import { EVENT_STORE } from '../../store/store.tokens';
import { currentWebhook } from '../shared/webhook-endpoint.read';
import { WebhookParams } from '../shared/webhook.params';
import { PingResponse } from '../shared/webhook.responses';
import { WebhookServices } from '@partnerships/webhooks';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class TestWebhookController {
  constructor(
    private readonly tools: WebhookServices,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/test')
  @Access('manage-webhooks')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a signed ping to an endpoint now',
    description: 'A `partnerships.WebhookPing` CloudEvent, signed like every delivery, sent once outside the queue; the answer says how the receiver replied.',
  })
  @ApiOkResponse({ type: PingResponse })
  async ping(@Param() { id }: WebhookParams) {
    const endpoint = await currentWebhook(this.store, id);
    await this.tools.setup();
    return sendWebhookPing(this.tools.sender, endpoint, await this.tools.vault.signingSecrets(id));
  }
}
