import { InvalidEventStoreInputError, StoreNotEmptyError } from '../event-store.errors';
import type { ImportedEvent, ImportResult } from '../event-store.port';
import { ImportSequence } from '../transfer/import-sequence';
import type { SqlClient } from './sql-client';

/** Positions a transaction can give, as `append_events` counts them: `xid << 20` plus 0 … 2^20 − 1. */
export const SQL_IMPORT_MAX_EVENTS = 1_048_576;

/** Rows per INSERT: large enough to amortise the round trip, small enough for a modest statement. */
const ROWS_PER_STATEMENT = 500;

const insertRows = `
INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata, recorded_at)
SELECT $1::bigint + r.i, r.s, r.v, r.id, r.t, r.d, r.m, r.at
  FROM json_to_recordset($2::json) AS r(i bigint, s text, v integer, id uuid, t text, d jsonb, m jsonb, at timestamptz)`;

/**
 * Writes an exported log in `tx`, which must be a transaction of its own: the caller commits it.
 * The lock keeps appends (and a second import) out until the commit, while readers go on. The
 * positions are those `append_events` would give this transaction, so readers' no-skip horizon
 * (`xmin << 20`) holds for them as for any append.
 */
export async function importIntoSql(tx: SqlClient, events: AsyncIterable<ImportedEvent>): Promise<ImportResult> {
  await tx.exec('LOCK TABLE events IN EXCLUSIVE MODE');
  const { rows: stored } = await tx.query<{ position: string }>('SELECT position::text AS position FROM events ORDER BY position DESC LIMIT 1');
  if (stored.length > 0) {
    throw new StoreNotEmptyError(stored[0].position);
  }
  const { rows } = await tx.query<{ base: string }>('SELECT (pg_current_xact_id()::text::bigint * 1048576)::text AS base');
  const base = BigInt(rows[0].base);
  const sequence = new ImportSequence();
  let batch: unknown[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await tx.query(insertRows, [base.toString(), JSON.stringify(batch)]);
    batch = [];
  };
  for await (const event of events) {
    if (sequence.events === SQL_IMPORT_MAX_EVENTS) {
      throw new InvalidEventStoreInputError(`an import into the SQL store takes at most ${SQL_IMPORT_MAX_EVENTS} events`);
    }
    sequence.check(event);
    batch.push({
      i: sequence.events - 1,
      s: event.streamId,
      v: event.version,
      id: event.eventId.toLowerCase(),
      t: event.type,
      d: event.data,
      m: event.metadata,
      at: event.recordedAt,
    });
    if (batch.length === ROWS_PER_STATEMENT) await flush();
  }
  await flush();
  const count = sequence.events;
  return { events: count, lastPosition: count === 0 ? null : (base + BigInt(count - 1)).toString() };
}
