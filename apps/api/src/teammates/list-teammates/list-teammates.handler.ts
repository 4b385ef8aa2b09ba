import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlClient } from '@partnerships/event-store';
import { listTeammates } from '@partnerships/projections';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { ListTeammatesQuery, type TeammateEntry } from './list-teammates.query';

@QueryHandler(ListTeammatesQuery)
export class ListTeammatesHandler implements IQueryHandler<ListTeammatesQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ minPosition }: ListTeammatesQuery) {
    await this.readYourWrites.await(minPosition);
    return { items: (await listTeammates(this.sql)) as TeammateEntry[] };
  }
}
