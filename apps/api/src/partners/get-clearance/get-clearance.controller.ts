import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerParams } from '../../http/route-params.dto';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import { GetClearanceQuery } from './get-clearance.query';
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
    return this.queryBus.execute(new GetClearanceQuery(id, minPosition));
  }
}
