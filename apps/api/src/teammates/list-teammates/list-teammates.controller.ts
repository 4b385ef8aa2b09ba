import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ListTeammatesQuery } from './list-teammates.query';

@ApiTags('teammates')
@Controller('v1/teammates')
export class ListTeammatesController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @ApiOperation({ summary: 'List the teammates, sorted by id' })
  list() {
    return this.queryBus.execute(new ListTeammatesQuery());
  }
}
