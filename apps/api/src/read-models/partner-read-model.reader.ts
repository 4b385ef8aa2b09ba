import { Inject, Injectable } from '@nestjs/common';
import { partnerNotFound } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { SQL_CLIENT } from '../store/store.tokens';
import { ReadYourWrites } from './read-your-writes';

/** One partner's row of a read model: after `?minPosition=`, and 404 PARTNER_NOT_FOUND when it has none. */
@Injectable()
export class PartnerReadModelReader {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  async read<T>(
    partnerId: string,
    minPosition: string | undefined,
    query: (sql: SqlClient, partnerId: string) => Promise<T | null>,
  ): Promise<T> {
    await this.readYourWrites.await(minPosition);
    const row = await query(this.sql, partnerId);
    if (row === null) throw partnerNotFound(partnerId);
    return row;
  }
}
