import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../../auth/access.decorator';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';
import { ListTeammatesQuery } from './list-teammates.query';

@ApiTags('teammates')
@Controller('v1/teammates')
export class ListTeammatesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({ summary: 'List the teammates, sorted by id' })
  list(@Query() { minPosition }: MinPositionQueryParams) {
    return this.queryBus.execute(new ListTeammatesQuery(minPosition));
  }
}
