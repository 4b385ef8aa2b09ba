import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListEventsQuery } from './list-events.query';
import { ListEventsQueryParams } from './list-events.query-params';
import { Access } from '../../auth/access.decorator';

@ApiTags('events')
@Controller('v1/events')
export class ListEventsController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({
    summary: 'Read the global log in order, for services without Kafka',
    description: 'Never returns an event while an earlier one can still be committed: paging with nextAfter misses nothing.',
  })
  list(@Query() query: ListEventsQueryParams) {
    return this.queryBus.execute(new ListEventsQuery(query.after ?? null, query.limit ?? 100));
  }
}
