import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerParams } from '../../http/route-params.dto';
import { GetPartnerHistoryQuery } from './get-partner-history.query';
import { PartnerHistoryQueryParams } from './get-partner-history.query-params';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class GetPartnerHistoryController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/history')
  @Access('read-partner')
  @ApiOperation({
    summary: "A partner's event timeline, or its state as of a moment",
    description:
      'Without asOf: { partnerId, version, events } with every event (versions, both times, actor, correlation, position, ' +
      'data, hash chain link). With asOf: { partnerId, asOf, by, version, events, state, partner, clearance }, where ' +
      'events are those included, state is the decider state, partner the All Partners row and clearance the offboarding ' +
      'clearance as of that moment. Read from the log, so no minPosition is needed.',
  })
  history(@Param() { id }: PartnerParams, @Query() { asOf, by }: PartnerHistoryQueryParams) {
    return this.queryBus.execute(new GetPartnerHistoryQuery(id, asOf, by ?? 'recorded'));
  }
}
