import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import { ApiKeyListResponse } from '../api-key.responses';
import { listApiKeys } from '@partnerships/projections';
import { ReadModelQuery } from '../../read-models/read-model.query';

@ApiTags('api-keys')
@Controller('v1')
export class ListApiKeysController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get('api-keys')
  @Access('manage-team')
  @ApiOperation({ summary: 'Every API key, newest first, without secrets', description: 'Teammate keys show their teammate\'s current role.' })
  @ApiOkResponse({ type: ApiKeyListResponse })
  list(@Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, async (sql) => ({ items: await listApiKeys(sql) })));
  }

  @Get('partners/:id/api-keys')
  @Access('operate')
  @ApiOperation({ summary: "A partner's keys, newest first, without secrets" })
  @ApiOkResponse({ type: ApiKeyListResponse })
  listForPartner(@Param() { id }: PartnerParams, @Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, async (sql) => ({ items: await listApiKeys(sql, { partnerId: id }) })));
  }
}
