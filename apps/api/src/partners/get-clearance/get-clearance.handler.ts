import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { NotFoundError } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { readClearance } from '@partnerships/projections';
import { ReadYourWrites } from '../../read-models/read-your-writes';
import { SQL_CLIENT } from '../../store/store.tokens';
import { GetClearanceQuery } from './get-clearance.query';

@QueryHandler(GetClearanceQuery)
export class GetClearanceHandler implements IQueryHandler<GetClearanceQuery> {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async execute({ partnerId, minPosition }: GetClearanceQuery) {
    await this.readYourWrites.await(minPosition);
    const clearance = await readClearance(this.sql, partnerId);
    if (clearance === null) throw new NotFoundError('PARTNER_NOT_FOUND', `No partner ${partnerId}`, { partnerId });
    return { partnerId, ...clearance };
  }
}
