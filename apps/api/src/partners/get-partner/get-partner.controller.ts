import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerParams } from '../../http/route-params.dto';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import { readPartnerRow } from '@partnerships/projections';
import { partnerRow, ReadModelQuery } from '../../read-models/read-model.query';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class GetPartnerController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id')
  @Access('read-partner')
  @ApiOperation({ summary: "One partner's All Partners row, with its manager's contact" })
  partner(@Param() { id }: PartnerParams, @Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, partnerRow(id, readPartnerRow)));
  }
}
