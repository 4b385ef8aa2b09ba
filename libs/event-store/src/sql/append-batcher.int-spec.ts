import { ConcurrencyError } from '@partnerships/domain';
import { Client } from 'pg';
import { EventIdConflictError } from '../event-store.errors';
import type { AppendResult, LogPosition } from '../event-store.port';
import {
  expectSequentialOutcomes,
  holdStreamLock,
  newTestEvent,
  postgresTestSchema,
  runConcurrentAppends,
  uniqueStreamId,
  waitUntilSomeoneWaitsForLock,
  type ConcurrentAppendsRun,
} from '../testing';
import { createSqlEventStore } from './create-event-store';
import type { SqlClient } from './sql-client';
import { SqlEventStore } from './sql-event-store';

jest.setTimeout(60_000);

const database = postgresTestSchema('es_batch');
let client: SqlClient;
let owner: SqlEventStore;

beforeAll(async () => {
  ({ store: owner, client } = await createSqlEventStore({
    databaseUrl: database.databaseUrl,
    schema: database.schema,
    poolSize: 24,
  }));
});

afterAll(async () => {
  await owner.close();
  await database.drop();
});

/** The id of the transaction that wrote the position (positions are `xid << 20 + i`). */
function transactionOf(position: LogPosition): bigint {
  return BigInt(position) >> 20n;
}

/** Stream ids in the order in which a batch takes their locks. */
async function inLockOrder(...streamIds: string[]): Promise<string[]> {
  const { rows } = await client.query<{ id: string }>(
    'SELECT id FROM unnest($1::text[]) AS id ORDER BY hashtextextended(id, 0)',
    [streamIds],
  );
  return rows.map((row) => row.id);
}

/**
 * Takes the only batch slot of `store` (which must run one batch at a time) with an append that
 * waits for a stream lock: the appends made meanwhile queue, and leave as one batch on `release()`.
 */
async function holdBatchSlot(store: SqlEventStore) {
  const streamId = uniqueStreamId('blocker');
  const lock = await holdStreamLock(owner, streamId);
  const blocker = store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' });
  await waitUntilSomeoneWaitsForLock(client, streamId);
  return {
    streamId,
    blocker,
    release: async (): Promise<void> => {
      lock.release();
      await lock.done;
    },
  };
}

async function connect(): Promise<Client> {
  const connection = new Client({ connectionString: database.databaseUrl, options: `-c search_path=${database.schema}` });
  await connection.connect();
  return connection;
}

/**
 * With one batch at a time, the first append leaves alone and the others, made in the same tick,
 * queue and leave together: the batch holds an append whose data jsonb refuses.
 */
async function expectOnlyTheRefusedDataToFail(store: SqlEventStore): Promise<void> {
  const stream = uniqueStreamId('refused');
  const refused = { ...newTestEvent(), data: { note: 'nul \u0000 inside' } };
  const [alone, before, culprit, after] = await Promise.allSettled([
    store.appendToStream(stream, [newTestEvent()], { expectedVersion: 'no_stream' }),
    store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' }),
    store.appendToStream(stream, [refused], { expectedVersion: 'any' }),
    store.appendToStream(stream, [newTestEvent()], { expectedVersion: 1 }),
  ]);

  expect([alone.status, before.status, culprit.status, after.status]).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect((culprit as PromiseRejectedResult).reason).toMatchObject({ code: '22P05' });
  expect((await store.readStream(stream)).map((event) => event.version)).toEqual([1, 2]);
}

function expectSomeAppendsShareATransaction(run: ConcurrentAppendsRun): void {
  const written = run.attempts.flatMap((attempt) => (attempt.result === null ? [] : [attempt.result.position]));
  expect(new Set(written.map(transactionOf)).size).toBeLessThan(written.length);
}

describe('when concurrent appends are batched on PostgreSQL', () => {
  let store: SqlEventStore;

  beforeEach(() => {
    store = new SqlEventStore(client, { appendBatching: { maxInFlight: 1 } });
  });

  afterEach(async () => {
    await store.close();
  });

  it('answers each append of one batch as if it had run alone', async () => {
    const created = uniqueStreamId('created');
    const existing = uniqueStreamId('existing');
    const firstEvents = [newTestEvent(), newTestEvent()];
    const first = await owner.appendToStream(existing, firstEvents, { expectedVersion: 'no_stream' });
    const storedElsewhere = newTestEvent();
    await owner.appendToStream(uniqueStreamId('elsewhere'), [storedElsewhere], { expectedVersion: 'no_stream' });
    const slot = await holdBatchSlot(store);
    const attempts = [
      store.appendToStream(created, [newTestEvent()], { expectedVersion: 'no_stream' }),
      store.appendToStream(existing, [newTestEvent()], { expectedVersion: 1 }),
      store.appendToStream(uniqueStreamId('reused-id'), [storedElsewhere], { expectedVersion: 'any' }),
      store.appendToStream(existing, firstEvents, { expectedVersion: 'no_stream' }),
      store.appendToStream(created, [newTestEvent(), newTestEvent()], { expectedVersion: 1 }),
      store.appendToStream(existing, [newTestEvent()], { expectedVersion: 'any' }),
    ];

    await slot.release();
    const [createdOnce, stale, reusedId, replayed, createdTwice, anyVersion] = await Promise.allSettled(attempts);

    expect(createdOnce).toMatchObject({ status: 'fulfilled', value: { version: 1, replayed: false } });
    expect(stale).toMatchObject({ status: 'rejected', reason: { streamId: existing, expected: 1, actual: 2 } });
    expect((stale as PromiseRejectedResult).reason).toBeInstanceOf(ConcurrencyError);
    expect((reusedId as PromiseRejectedResult).reason).toBeInstanceOf(EventIdConflictError);
    expect(replayed).toEqual({ status: 'fulfilled', value: { ...first, replayed: true } });
    expect(createdTwice).toMatchObject({ status: 'fulfilled', value: { version: 3, replayed: false } });
    expect(anyVersion).toMatchObject({ status: 'fulfilled', value: { version: 3, replayed: false } });
    // One batch, one transaction: the three writes share its id.
    const written = [createdOnce, createdTwice, anyVersion].map((o) => (o as PromiseFulfilledResult<AppendResult>).value);
    expect(new Set(written.map((result) => transactionOf(result.position))).size).toBe(1);
    expect((await owner.readStream(created)).map((event) => event.version)).toEqual([1, 2, 3]);
    expect((await owner.readStream(existing)).map((event) => event.version)).toEqual([1, 2, 3]);
  });

  it('runs an append again on its own when a newer transaction wrote its stream while the batch waited for the lock', async () => {
    const [early, late] = await inLockOrder(uniqueStreamId('early'), uniqueStreamId('late'));
    const newer = await holdStreamLock(owner, late);
    const slot = await holdBatchSlot(store);
    try {
      const earlyAppend = store.appendToStream(early, [newTestEvent()], { expectedVersion: 'no_stream' });
      const lateAppend = store.appendToStream(late, [newTestEvent()], { expectedVersion: 'any' });
      await slot.release();
      // The batch has written `early`, so it has its transaction id, and now waits for `late`.
      await waitUntilSomeoneWaitsForLock(client, late);
      const newerResult = (await newer.appendAndCommit([newTestEvent()]))!;

      const earlyResult = await earlyAppend;
      const lateResult = await lateAppend;

      expect([earlyResult.version, lateResult.version]).toEqual([1, 2]);
      expect(transactionOf(earlyResult.position)).toBeLessThan(transactionOf(newerResult.position));
      expect(transactionOf(newerResult.position)).toBeLessThan(transactionOf(lateResult.position));
      expect((await owner.readStream(late)).map((event) => event.position)).toEqual([
        newerResult.position,
        lateResult.position,
      ]);
    } finally {
      newer.release();
      await newer.done.catch(() => undefined);
      await slot.release();
    }
  });

  it('takes the stream locks of a batch in one global order, whatever the order of its appends', async () => {
    const [low, high] = await inLockOrder(uniqueStreamId('low'), uniqueStreamId('high'));
    const batchOf = (streamIds: string[]) =>
      JSON.stringify(streamIds.map((streamId) => ({ streamId, expectedVersion: -1, events: [newTestEvent()] })));
    const batchSql = 'SELECT item, new_version, error_code FROM append_events_batch($1::jsonb) ORDER BY item';
    const first = await connect();
    const second = await connect();
    try {
      const secondPid = (await second.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
      await first.query('BEGIN');
      await first.query(batchSql, [batchOf([low, high])]);
      const reversed = second.query(batchSql, [batchOf([high, low])]);
      await waitUntilSomeoneWaitsForLock(client, low);

      // It waits for the lower lock first, so it holds no lock that the first batch could need.
      const held = await client.query<{ granted: number }>(
        "SELECT count(*)::int AS granted FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1",
        [secondPid],
      );
      expect(held.rows[0].granted).toBe(0);
      await first.query('COMMIT');
      expect((await reversed).rows).toEqual([
        { item: 0, new_version: 2, error_code: null },
        { item: 1, new_version: 2, error_code: null },
      ]);
    } finally {
      await first.end();
      await second.end();
    }
  });

  it('rejects only the appends of a batch whose connection is lost', async () => {
    const slot = await holdBatchSlot(store);
    const lost = slot.blocker.then(
      () => null,
      (error: unknown) => error,
    );
    const queued = [
      store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' }),
      store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'any' }),
    ];
    try {
      await client.query(
        `SELECT pg_terminate_backend(pid) FROM pg_locks
          WHERE locktype = 'advisory' AND NOT granted
            AND ((classid::bigint << 32) | objid::bigint) = hashtextextended($1, 0)`,
        [slot.streamId],
      );

      const error = await lost;
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(ConcurrencyError);
      expect((await Promise.all(queued)).map((result) => result.version)).toEqual([1, 1]);
    } finally {
      await slot.release();
    }
  });

  it('fails only the append whose data the database refuses, not the others of its batch', async () => {
    await expectOnlyTheRefusedDataToFail(store);
  });

  it('lets the appends already made finish on close before closing its client, and refuses new ones', async () => {
    const own = await createSqlEventStore({
      databaseUrl: database.databaseUrl,
      schema: database.schema,
      store: { appendBatching: { maxInFlight: 1 } },
    });
    const slot = await holdBatchSlot(own.store);
    const queued = [
      own.store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' }),
      own.store.appendToStream(uniqueStreamId(), [newTestEvent(), newTestEvent()], { expectedVersion: 'no_stream' }),
    ];

    const closed = own.store.close();
    await expect(own.store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'any' })).rejects.toThrow(
      /closed/,
    );
    await slot.release();

    expect((await slot.blocker).version).toBe(1);
    expect((await Promise.all(queued)).map((result) => result.version)).toEqual([1, 2]);
    await closed;
  });
});

describe('when many callers append to shared streams at once', () => {
  it('gives every append on PostgreSQL an outcome that appending one at a time allows', async () => {
    const store = new SqlEventStore(client);
    try {
      const run = await runConcurrentAppends(store, { callers: 40, appendsPerCaller: 12, streams: 6, seed: 7 });

      await expectSequentialOutcomes(store, run);
      expectSomeAppendsShareATransaction(run);
    } finally {
      await store.close();
    }
  });

  it('keeps versions contiguous on PostgreSQL when concurrent batches share streams in every order', async () => {
    const store = new SqlEventStore(client, { appendBatching: { maxInFlight: 4 } });
    const streams = Array.from({ length: 5 }, () => uniqueStreamId('shared'));
    try {
      // Each caller walks the streams in its own order and stride, so batches overlap in all orders.
      const results = await Promise.all(
        Array.from({ length: 32 }, async (_, caller) => {
          const mine: AppendResult[] = [];
          for (let step = 0; step < 10; step += 1) {
            const streamId = streams[(caller + step * (1 + (caller % 4))) % streams.length];
            mine.push(await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'any' }));
          }
          return mine;
        }),
      );

      const versions = await Promise.all(streams.map(async (id) => (await store.readStream(id)).map((e) => e.version)));
      expect(versions.flat()).toHaveLength(320);
      versions.forEach((stream) => expect(stream).toEqual(stream.map((_, index) => index + 1)));
      expect(new Set(results.flat().map((result) => result.position)).size).toBe(320);
    } finally {
      await store.close();
    }
  });
});

describe('when concurrent appends are batched on PGlite', () => {
  let pglite: SqlEventStore;

  beforeAll(async () => {
    ({ store: pglite } = await createSqlEventStore({ store: { appendBatching: { maxInFlight: 1 } } }));
  });

  afterAll(async () => {
    await pglite.close();
  });

  it('gives every append an outcome that appending one at a time allows', async () => {
    const run = await runConcurrentAppends(pglite, { callers: 24, appendsPerCaller: 10, streams: 4, seed: 11 });

    await expectSequentialOutcomes(pglite, run);
    expectSomeAppendsShareATransaction(run);
  });

  it('fails only the append whose data the database refuses, not the others of its batch', async () => {
    await expectOnlyTheRefusedDataToFail(pglite);
  });
});
