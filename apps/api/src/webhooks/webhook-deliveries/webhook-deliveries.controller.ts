import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ErrorCodes, NotFoundError } from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { EVENT_STORE } from '../../store/store.tokens';
import { currentWebhook } from '../shared/webhook-endpoint.read';
import { DeliveryParams, WebhookParams } from '../shared/webhook.params';
import { DeliveryListResponse, DeliveryResponse } from '../shared/webhook.responses';
import { WebhookServices } from '@partnerships/webhooks';
import { ListDeliveriesQueryParams } from './list-deliveries.query-params';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class WebhookDeliveriesController {
  constructor(
    private readonly tools: WebhookServices,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get(':id/deliveries')
  @Access('manage-webhooks')
  @ApiOperation({ summary: "An endpoint's deliveries in the order they were queued, each with its attempts" })
  @ApiOkResponse({ type: DeliveryListResponse })
  async list(@Param() { id }: WebhookParams, @Query() query: ListDeliveriesQueryParams) {
    await currentWebhook(this.store, id);
    await this.tools.setup();
    const limit = query.limit ?? 50;
    const items = await this.tools.deliveries.list(id, { status: query.status, after: query.after, limit });
    return { items, next: items.length === limit ? items[items.length - 1].deliveryId : null };
  }

  @Post(':id/deliveries/:deliveryId/redeliver')
  @Access('manage-webhooks')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send a delivery again',
    description: 'Due at once, with the same webhook-id; it goes out when its ordering key (its partner) has no older delivery waiting.',
  })
  @ApiAcceptedResponse({ type: DeliveryResponse })
  async redeliver(@Param() { id, deliveryId }: DeliveryParams) {
    await currentWebhook(this.store, id);
    await this.tools.setup();
    if (!(await this.tools.deliveries.redeliver(id, deliveryId))) {
      throw new NotFoundError(ErrorCodes.WEBHOOK_DELIVERY_NOT_FOUND, `Webhook ${id} has no delivery ${deliveryId}`, { webhookId: id, deliveryId });
    }
    const [delivery] = await this.tools.deliveries.list(id, { after: String(BigInt(deliveryId) - 1n), limit: 1 });
    return delivery;
  }
}
