import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { SqlClient } from '@partnerships/event-store';
import { InvalidCursorError, listAllPartners } from '@partnerships/projections';
import { requestValidationError } from '../../http/request-validation';
import { ReadModelCache } from '../../read-models/read-model-cache';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { ListPartnersQuery } from './list-partners.query';

@QueryHandler(ListPartnersQuery)
export class ListPartnersHandler implements IQueryHandler<ListPartnersQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
    private readonly cache: ReadModelCache,
  ) {}

  async execute({ options, minPosition }: ListPartnersQuery) {
    await this.readYourWrites.await(minPosition);
    try {
      return await this.cache.read(`all-partners ${JSON.stringify(options)}`, minPosition, () => listAllPartners(this.sql, options));
    } catch (error) {
      // A cursor is opaque to clients: one that does not decode (or came from another sort) is their input.
      if (error instanceof InvalidCursorError) throw requestValidationError([{ path: 'cursor', message: error.message }]);
      throw error;
    }
  }
}
