import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listWebhookEndpoints } from '@partnerships/projections';
import { Access } from '../../auth/access.decorator';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import { ReadModelQuery } from '../../read-models/read-model.query';
import { readWebhook, webhookView } from '../shared/webhook-endpoint.read';
import { WebhookParams } from '../shared/webhook.params';
import { WebhookListResponse, WebhookResponse } from '../shared/webhook.responses';

@ApiTags('webhooks')
@Controller('v1/webhooks')
export class ListWebhooksController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access('manage-webhooks')
  @ApiOperation({ summary: 'Every webhook endpoint, oldest first, without secrets' })
  @ApiOkResponse({ type: WebhookListResponse })
  list(@Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, async (sql) => ({ items: (await listWebhookEndpoints(sql)).map(webhookView) })));
  }

  @Get(':id')
  @Access('manage-webhooks')
  @ApiOperation({ summary: 'One webhook endpoint, without its secret' })
  @ApiOkResponse({ type: WebhookResponse })
  get(@Param() { id }: WebhookParams, @Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, async (sql) => webhookView(await readWebhook(sql, id))));
  }
}
