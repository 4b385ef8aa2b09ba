import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlClient } from '@partnerships/event-store';
import { listApiKeys } from '@partnerships/projections';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { ListApiKeysQuery } from './list-api-keys.query';

@QueryHandler(ListApiKeysQuery)
export class ListApiKeysHandler implements IQueryHandler<ListApiKeysQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ partnerId, minPosition }: ListApiKeysQuery) {
    await this.readYourWrites.await(minPosition);
    return { items: await listApiKeys(this.sql, { partnerId }) };
  }
}
