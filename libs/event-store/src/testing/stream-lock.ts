import type { AppendResult, NewEvent } from '../event-store.port';
import type { SqlClient } from '../sql/sql-client';
import type { SqlEventStore } from '../sql/sql-event-store';

export interface HeldStreamLock {
  /** Ends the transaction without writing, which releases the lock. */
  release(): void;
  /** Appends to the stream inside the transaction (which then takes its id), and commits. */
  appendAndCommit(events: readonly NewEvent[]): Promise<AppendResult | null>;
  /** Settles when the transaction has ended. */
  readonly done: Promise<AppendResult | null>;
}

/** Opens a transaction that holds the stream's append lock (as `append_events` takes it) until told. */
export async function holdStreamLock(store: SqlEventStore, streamId: string): Promise<HeldStreamLock> {
  let finish!: (events: readonly NewEvent[] | null) => void;
  const finished = new Promise<readonly NewEvent[] | null>((resolve) => (finish = resolve));
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => (locked = resolve));
  const done = store.withTransaction(async (tx, sql) => {
    await sql.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [streamId]);
    locked();
    const events = await finished;
    return events === null ? null : tx.appendToStream(streamId, events, { expectedVersion: 'any' });
  });
  await Promise.race([isLocked, done]);
  return {
    release: () => finish(null),
    appendAndCommit: (events) => {
      finish(events);
      return done;
    },
    done,
  };
}

/** Resolves once some session waits for the stream's append lock. */
export async function waitUntilSomeoneWaitsForLock(client: SqlClient, streamId: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ waiting: number }>(
      `SELECT count(*)::int AS waiting FROM pg_locks
        WHERE locktype = 'advisory' AND NOT granted
          AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
      [streamId],
    );
    if (rows[0].waiting > 0) {
      return;
    }
    if (Date.now() > deadline) {
      throw new Error(`Nobody waited for the lock of ${streamId} within ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
