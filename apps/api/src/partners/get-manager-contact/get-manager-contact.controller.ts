import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { PartnerParams } from '../../http/route-params.dto';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import { readManagerContact } from '@partnerships/projections';
import { partnerRow, ReadModelQuery } from '../../read-models/read-model.query';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class GetManagerContactController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':id/manager-contact')
  @Access('read-partner')
  @ApiOperation({
    summary: "The partner's view of its manager: name and email, or null while unassigned",
    description: "Follows manager changes and the teammate's own changes.",
  })
  managerContact(@Param() { id }: PartnerParams, @Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ReadModelQuery(minPosition, partnerRow(id, readManagerContact)));
  }
}
