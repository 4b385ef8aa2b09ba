import { Inject } from '@nestjs/common';
import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { partnerNotFound } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { SQL_CLIENT } from '../store/store.tokens';
import { ReadYourWrites } from './read-your-writes';

/**
 * A read of the read models, answered once they include `?minPosition=`: the query of every
 * route that reads nothing else (the teammates, the manager chart, a partner's row, its keys).
 * One handler serves them all, as `RunPartnershipCommand` does for the commands.
 */
export class ReadModelQuery<T> extends Query<T> {
  constructor(
    readonly minPosition: string | undefined,
    readonly read: (sql: SqlClient) => Promise<T>,
  ) {
    super();
  }
}

@QueryHandler(ReadModelQuery)
export class ReadModelQueryHandler implements IQueryHandler<ReadModelQuery<unknown>> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ minPosition, read }: ReadModelQuery<unknown>): Promise<unknown> {
    await this.readYourWrites.await(minPosition);
    return read(this.sql);
  }
}

/** The row `read` finds for `partnerId`, or 404 PARTNER_NOT_FOUND. */
export function partnerRow<T>(partnerId: string, read: (sql: SqlClient, partnerId: string) => Promise<T | null>): (sql: SqlClient) => Promise<T> {
  return async (sql) => {
    const row = await read(sql, partnerId);
    if (row === null) throw partnerNotFound(partnerId);
    return row;
  };
}
