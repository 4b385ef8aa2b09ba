import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { readManagerContact } from '@partnerships/projections';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { GetManagerContactQuery } from './get-manager-contact.query';

@QueryHandler(GetManagerContactQuery)
export class GetManagerContactHandler implements IQueryHandler<GetManagerContactQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ partnerId, minPosition }: GetManagerContactQuery) {
    await this.readYourWrites.await(minPosition);
    const contact = await readManagerContact(this.sql, partnerId);
    if (contact === null) throw new NotFoundError('PARTNER_NOT_FOUND', `No partner ${partnerId}`, { partnerId });
    return contact;
  }
}
