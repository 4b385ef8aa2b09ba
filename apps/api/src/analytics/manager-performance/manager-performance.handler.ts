import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlClient } from '@partnerships/event-store';
import { readManagerPerformance } from '@partnerships/projections';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { ManagerPerformanceQuery } from './manager-performance.query';

@QueryHandler(ManagerPerformanceQuery)
export class ManagerPerformanceHandler implements IQueryHandler<ManagerPerformanceQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ options, minPosition }: ManagerPerformanceQuery) {
    await this.readYourWrites.await(minPosition);
    return readManagerPerformance(this.sql, options);
  }
}
