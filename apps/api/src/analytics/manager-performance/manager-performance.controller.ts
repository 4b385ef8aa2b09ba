import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { requestValidationError } from '../../http/request-validation';
import { readManagerPerformance } from '@partnerships/projections';
import { ReadModelQuery } from '../../read-models/read-model.query';
import { ManagerPerformanceQueryParams } from './manager-performance.query-params';
import { Access } from '../../auth/access.decorator';

@ApiTags('analytics')
@Controller('v1/analytics/manager-performance')
export class ManagerPerformanceController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get()
  @Access('read')
  @ApiOperation({
    summary: 'New and total revenue per manager per period, in one currency',
    description: 'New revenue is the sale amount of a customer\'s first transaction in the program; reversed sales leave both. Unassigned revenue is the series with managerId null.',
  })
  performance(@Query() query: ManagerPerformanceQueryParams) {
    const from = new Date(query.from);
    const to = new Date(query.to);
    if (!(from < to)) throw requestValidationError([{ path: 'to', message: 'to must be after from' }]);
    const options = {
      from,
      to,
      interval: query.interval ?? 'month',
      currency: query.currency,
      attribution: query.attribution ?? 'at-event',
      ...(query.managerId === undefined ? {} : { managerId: query.managerId }),
    } as const;
    return this.queryBus.execute(new ReadModelQuery(query.minPosition, (sql) => readManagerPerformance(sql, options)));
  }
}
