import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { readPartnerRow } from '@partnerships/projections';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { GetPartnerQuery } from './get-partner.query';

@QueryHandler(GetPartnerQuery)
export class GetPartnerHandler implements IQueryHandler<GetPartnerQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ partnerId, minPosition }: GetPartnerQuery) {
    await this.readYourWrites.await(minPosition);
    const row = await readPartnerRow(this.sql, partnerId);
    if (row === null) throw new NotFoundError('PARTNER_NOT_FOUND', `No partner ${partnerId}`, { partnerId });
    return row;
  }
}
