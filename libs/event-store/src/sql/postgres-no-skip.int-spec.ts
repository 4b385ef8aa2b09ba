import { ConcurrencyError } from '@partnerships/domain';
import { compareLogPositions, type RecordedEvent } from '../event-store.port';
import { newTestEvent, postgresTestSchema, settledHead, SubscriptionProbe } from '../testing';
import { SeededRandom } from '../writing/seeded-random';
import { createSqlEventStore } from './create-event-store';
import type { SqlEventStore } from './sql-event-store';

// Many writers commit out of the order in which they took their transaction ids; a live
// subscriber must still see every committed event exactly once, in position order.
jest.setTimeout(60_000);

const writers = 24;
const operationsPerWriter = 25;
const sharedStreams = 4;

const database = postgresTestSchema('es_no_skip');
let store: SqlEventStore;
let wholeLog: SubscriptionProbe;
const committedInAllRounds: string[] = [];

class RollBack extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  ({ store } = await createSqlEventStore({
    databaseUrl: database.databaseUrl,
    schema: database.schema,
    poolSize: writers + 4,
  }));
  wholeLog = new SubscriptionProbe(store.subscribeToAll({ batchSize: 50 }));
});

afterAll(async () => {
  wholeLog?.unsubscribe();
  await store?.close();
  await database.drop();
});

interface RoundOutcome {
  readonly committed: Set<string>;
  readonly rolledBack: Set<string>;
}

/** Each writer appends to its own stream, to shared streams, in short and held-open transactions. */
async function write(round: number, seed: number): Promise<RoundOutcome> {
  const committed = new Set<string>();
  const rolledBack = new Set<string>();
  // Seeded, so that a failing round's mix of operations can be replayed.
  const random = new SeededRandom(seed);
  const next = (): number => random.next();
  const shared = (k: number) => `round${round}-shared-${k}`;

  await Promise.all(
    Array.from({ length: writers }, async (_, writer) => {
      const own = `round${round}-writer-${writer}`;
      let ownVersion = 0;
      for (let op = 0; op < operationsPerWriter; op += 1) {
        await sleep(Math.floor(next() * 3));
        const kind = next();
        const events = Array.from({ length: 1 + Math.floor(next() * 3) }, () => newTestEvent('Written', { writer, op }));
        if (kind < 0.45) {
          const result = await store.appendToStream(own, events, { expectedVersion: ownVersion === 0 ? 'no_stream' : ownVersion });
          ownVersion = result.version;
          events.forEach((event) => committed.add(event.eventId));
        } else if (kind < 0.65) {
          await store.appendToStream(shared(Math.floor(next() * sharedStreams)), events, { expectedVersion: 'any' });
          events.forEach((event) => committed.add(event.eventId));
        } else if (kind < 0.75) {
          // Read, decide, append with the read version; another writer may win in between.
          const streamId = shared(Math.floor(next() * sharedStreams));
          const version = (await store.readStream(streamId)).length;
          try {
            await store.appendToStream(streamId, events, { expectedVersion: version });
            events.forEach((event) => committed.add(event.eventId));
          } catch (error) {
            if (!(error instanceof ConcurrencyError)) {
              throw error;
            }
          }
        } else {
          const rollBack = kind >= 0.9;
          const holdMs = 1 + Math.floor(next() * 8);
          const sharedId = shared(Math.floor(next() * sharedStreams));
          try {
            const version = await store.withTransaction(async (tx) => {
              // The hot shared stream first: its lock is taken before the transaction gets its id.
              await tx.appendToStream(sharedId, events.slice(0, 1), { expectedVersion: 'any' });
              // Hold the transaction id while others commit later ones.
              await sleep(holdMs);
              let version = ownVersion;
              if (events.length > 1) {
                const result = await tx.appendToStream(own, events.slice(1), {
                  expectedVersion: ownVersion === 0 ? 'no_stream' : ownVersion,
                });
                version = result.version;
              }
              if (rollBack) {
                throw new RollBack();
              }
              return version;
            });
            ownVersion = version;
            events.forEach((event) => committed.add(event.eventId));
          } catch (error) {
            if (!(error instanceof RollBack)) {
              throw error;
            }
            events.forEach((event) => rolledBack.add(event.eventId));
          }
        }
      }
    }),
  );
  return { committed, rolledBack };
}

function expectExactlyOnceInOrder(seen: readonly RecordedEvent[], outcome: RoundOutcome): void {
  for (let i = 1; i < seen.length; i += 1) {
    expect(compareLogPositions(seen[i - 1].position, seen[i].position)).toBe(-1);
  }
  const ids = seen.map((event) => event.eventId);
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids.filter((id) => outcome.rolledBack.has(id))).toEqual([]);
  expect(ids.filter((id) => !outcome.committed.has(id))).toEqual([]);
  expect(ids.length).toBe(outcome.committed.size);

  const lastVersion = new Map<string, number>();
  for (const event of seen) {
    const previous = lastVersion.get(event.streamId) ?? 0;
    expect([event.streamId, event.version]).toEqual([event.streamId, previous + 1]);
    lastVersion.set(event.streamId, event.version);
  }
}

describe('when many writers commit concurrently while a subscriber is live', () => {
  for (const round of [1, 2, 3]) {
    it(`delivers every committed event exactly once, in order (round ${round})`, async () => {
      const start = await settledHead(store);
      const live = new SubscriptionProbe(store.subscribeToAll({ after: start }));
      const paged = new SubscriptionProbe(store.subscribeToAll({ after: start, batchSize: 7 }));
      try {
        await live.waitFor((p) => p.caughtUpCount >= 1);

        const outcome = await write(round, 1000 + round);
        outcome.committed.forEach((id) => committedInAllRounds.push(id));

        await live.waitFor((p) => p.events.length >= outcome.committed.size, 15_000);
        await paged.waitFor((p) => p.events.length >= outcome.committed.size, 15_000);
        // Anything wrongly delivered (a rolled-back or duplicate event) would arrive by now.
        await sleep(300);
        expectExactlyOnceInOrder(live.events, outcome);
        expectExactlyOnceInOrder(paged.events, outcome);
        expect(paged.events).toEqual(live.events);
        expect(await store.readAll({ after: start })).toEqual(live.events);
        expect(outcome.rolledBack.size).toBeGreaterThan(0);
      } finally {
        live.unsubscribe();
        paged.unsubscribe();
      }
    });
  }

  it('kept one subscription from the start of the log in step through every round', async () => {
    const committed = new Set(committedInAllRounds);
    const written = (event: RecordedEvent) => event.type === 'Written';

    await wholeLog.waitFor((p) => p.events.filter(written).length >= committed.size, 15_000);

    expect(wholeLog.error).toBeNull();
    const seen = wholeLog.events;
    for (let i = 1; i < seen.length; i += 1) {
      expect(compareLogPositions(seen[i - 1].position, seen[i].position)).toBe(-1);
    }
    expect(seen.filter(written).map((event) => event.eventId).sort()).toEqual([...committed].sort());
    expect(await store.readAll()).toEqual(seen);
  });
});
