import { EventIdConflictError } from '../event-store.errors';
import { compareLogPositions } from '../event-store.port';
import type { SqlClient } from '../sql/sql-client';
import type { SqlEventStore } from '../sql/sql-event-store';
import { asyncEvents, eventually, importedTestLog, newTestEvent, settledHead, uniqueStreamId } from './event-store.contract';
import { SubscriptionProbe } from './subscription-probe';

export interface SqlEventStoreUnderTest {
  readonly store: SqlEventStore;
  readonly client: SqlClient;
  teardown(): Promise<void>;
}

class RollBack extends Error {}

/** What the SQL adapter adds to the contract, on either driver. */
export function describeSqlEventStoreBehaviour(name: string, factory: () => Promise<SqlEventStoreUnderTest>): void {
  describe(`${name} SQL event store`, () => {
    let store: SqlEventStore;
    let client: SqlClient;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, client, teardown } = await factory());
    });

    afterEach(async () => {
      await teardown();
    });

    describe('when appending inside a transaction', () => {
      it('commits the appends with the other writes of the transaction, in log order', async () => {
        const a = uniqueStreamId('a');
        const b = uniqueStreamId('b');
        const key = uniqueStreamId('key');
        const head = await settledHead(store);
        const probe = new SubscriptionProbe(store.subscribeToAll({ after: head }));
        try {
          await probe.waitFor((p) => p.caughtUpCount === 1);
          const events = [newTestEvent(), newTestEvent(), newTestEvent()];

          const results = await store.withTransaction(async (tx, sql) => {
            const first = await tx.appendToStream(a, [events[0]], { expectedVersion: 'no_stream' });
            const second = await tx.appendToStream(b, [events[1]], { expectedVersion: 'no_stream' });
            const third = await tx.appendToStream(a, [events[2]], { expectedVersion: 1 });
            await sql.query(
              `INSERT INTO idempotency_records (key, request_hash, status_code, response) VALUES ($1, 'h', 201, '{}')`,
              [key],
            );
            return [first, second, third];
          });

          expect(results.map((result) => result.version)).toEqual([1, 1, 2]);
          expect(compareLogPositions(results[0].position, results[1].position)).toBe(-1);
          expect(compareLogPositions(results[1].position, results[2].position)).toBe(-1);
          const log = await eventually(
            () => store.readAll({ after: head }),
            (read) => read.length === 3,
          );
          expect(log.map((event) => event.eventId)).toEqual(events.map((event) => event.eventId));
          expect(log.map((event) => event.position)).toEqual(results.map((result) => result.position));
          await probe.waitFor((p) => p.events.length === 3);
          expect(probe.events).toEqual(log);
        } finally {
          probe.unsubscribe();
        }
      });

      it('writes nothing when the transaction rolls back', async () => {
        const streamId = uniqueStreamId();
        const head = await settledHead(store);

        await expect(
          store.withTransaction(async (tx) => {
            await tx.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' });
            throw new RollBack();
          }),
        ).rejects.toBeInstanceOf(RollBack);

        expect(await store.readStream(streamId)).toEqual([]);
        expect(await store.readAll({ after: head })).toEqual([]);
        const again = await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' });
        expect(again.version).toBe(1);
      });
    });

    describe('when given another store\'s position', () => {
      it('reads nothing after a position beyond bigint, as EventStoreDB positions are', async () => {
        await store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' });
        const beyond = ((1n << 127n) + 5n).toString();

        expect(await store.readAll({ after: beyond })).toEqual([]);
        const probe = new SubscriptionProbe(store.subscribeToAll({ after: beyond }));
        try {
          await probe.waitFor((p) => p.caughtUpCount === 1);
          expect(probe.events).toEqual([]);
        } finally {
          probe.unsubscribe();
        }
      });
    });

    describe('when event ids are already stored', () => {
      it('refuses them in another stream', async () => {
        const event = newTestEvent();
        await store.appendToStream(uniqueStreamId(), [event], { expectedVersion: 'no_stream' });

        const other = uniqueStreamId();
        await expect(store.appendToStream(other, [event], { expectedVersion: 'any' })).rejects.toBeInstanceOf(
          EventIdConflictError,
        );
        expect(await store.readStream(other)).toEqual([]);
      });

      it('refuses an append that repeats only some of them', async () => {
        const streamId = uniqueStreamId();
        const stored = newTestEvent();
        await store.appendToStream(streamId, [stored], { expectedVersion: 'no_stream' });

        await expect(
          store.appendToStream(streamId, [stored, newTestEvent()], { expectedVersion: 'any' }),
        ).rejects.toBeInstanceOf(EventIdConflictError);
        expect(await store.readStream(streamId)).toHaveLength(1);
      });
    });

    describe('when the client nests transactions', () => {
      it('rolls back only the inner one, to its savepoint', async () => {
        const kept = uniqueStreamId('kept');
        const dropped = uniqueStreamId('dropped');
        const insert = `INSERT INTO idempotency_records (key, request_hash, status_code, response) VALUES ($1, 'h', 200, '{}')`;

        await client.transaction(async (tx) => {
          await tx.query(insert, [kept]);
          await expect(
            tx.transaction(async (inner) => {
              await inner.query(insert, [dropped]);
              throw new RollBack();
            }),
          ).rejects.toBeInstanceOf(RollBack);
        });

        const { rows } = await client.query<{ key: string }>('SELECT key FROM idempotency_records WHERE key = ANY($1)', [
          [kept, dropped],
        ]);
        expect(rows.map((row) => row.key)).toEqual([kept]);
      });

      it('refuses work on a transaction that has ended', async () => {
        let leaked: SqlClient | null = null;
        await client.transaction(async (tx) => {
          leaked = tx;
        });

        await expect(Promise.resolve().then(() => leaked!.query('SELECT 1'))).rejects.toThrow(/ended/);
      });
    });

    it('answers ping and completes its subscriptions on close', async () => {
      await store.ping();
      const probe = new SubscriptionProbe(store.subscribeToAll({ after: await store.headPosition() }));
      await probe.waitFor((p) => p.caughtUpCount === 1);

      await store.close();

      expect(probe.completed).toBe(true);
      await expect(store.ping()).rejects.toThrow(/closed/);
    });
  });
}

/** What the SQL adapter promises of an import beyond the contract: one transaction. `emptyStore` gives a store with an empty log. */
export function describeSqlEventStoreImport(name: string, emptyStore: () => Promise<SqlEventStoreUnderTest>): void {
  describe(`${name} SQL event store import`, () => {
    it('writes nothing when the server refuses an event half-way', async () => {
      const { store, teardown } = await emptyStore();
      try {
        // Past the first statement's 500 rows, so that rows are already written when it fails.
        const events = importedTestLog(520);
        // jsonb cannot hold a \u0000 in a string: the server refuses this event.
        events[510] = { ...events[510], data: { note: 'nul \u0000 here' } };

        await expect(store.importLog(asyncEvents(events))).rejects.toThrow();

        expect(await store.headPosition()).toBeNull();
        expect(await store.readAll()).toEqual([]);
      } finally {
        await teardown();
      }
    });
  });
}
