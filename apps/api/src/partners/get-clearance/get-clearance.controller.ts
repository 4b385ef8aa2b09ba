import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerParams } from '../../http/route-params.dto';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import type { SqlClient } from '@partnerships/event-store';
import { readClearance } from '@partnerships/projections';
import { partnerRow, ReadModelQuery } from '../../read-models/read-model.query';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class GetClearanceController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/clearance')
  @Access('read')
  @ApiOperation({
    summary: 'Offboarding clearance: cleared, or every blocker with its id and amount',
    description: 'From the clearance read model, which applies the same rule as the offboard command.',
  })
  clearance(@Param() { id }: PartnerParams, @Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, partnerRow(id, partnerClearance)));
  }
}

async function partnerClearance(sql: SqlClient, partnerId: string) {
  const clearance = await readClearance(sql, partnerId);
  return clearance && { partnerId, ...clearance };
}
