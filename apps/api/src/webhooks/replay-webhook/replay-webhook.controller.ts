import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ValidationError } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { replayCursor } from '@partnerships/webhooks';
import { Access } from '../../auth/access.decorator';
import { EVENT_STORE } from '../../store/store.tokens';
import { currentWebhook } from '../shared/webhook-endpoint.read';
import { WebhookParams } from '../shared/webhook.params';
import { ReplayResponse } from '../shared/webhook.responses';
import { WebhookServices } from '@partnerships/webhooks';
import { ReplayWebhookDto } from './replay-webhook.dto';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ReplayWebhookController {
  constructor(
    private readonly tools: WebhookServices,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Post(':id/replay')
  @Access('manage-webhooks')
  @HttpCode(202)
  @ApiOperation({
    summary: "Move an endpoint's cursor: its events are delivered again from there",
    description:
      'Each event goes out again with its own webhook-id (receivers that keep ids drop what they already have), after the deliveries already waiting. ' +
      'The worker serving the endpoint picks the new cursor up within a second.',
  })
  @ApiAcceptedResponse({ type: ReplayResponse })
  async replay(@Param() { id }: WebhookParams, @Body() body: ReplayWebhookDto) {
    if ((body.fromPosition === undefined) === (body.fromTime === undefined)) {
      throw ValidationError.forField('fromPosition', 'send exactly one of fromPosition and fromTime');
    }
    // A start past the log's end would move the cursor over events not yet written: they would never be sent.
    if (body.fromTime !== undefined && Date.parse(body.fromTime) > Date.now()) {
      throw ValidationError.forField('fromTime', 'is in the future');
    }
    const endpoint = await currentWebhook(this.store, id);
    if (body.fromPosition !== undefined) {
      const head = await this.store.headPosition();
      if (BigInt(body.fromPosition) > BigInt(head ?? '0')) {
        throw ValidationError.forField('fromPosition', `is past the log's last position (${head ?? 'empty log'})`);
      }
    }
    await this.tools.setup();
    const after = await replayCursor(this.store, body.fromPosition !== undefined ? { fromPosition: body.fromPosition } : { fromTime: new Date(body.fromTime as string) });
    await this.tools.deliveries.ensureCursor(id, endpoint.registeredPosition);
    await this.tools.deliveries.replayFrom(id, after);
    return { webhookId: id, after };
  }
}
