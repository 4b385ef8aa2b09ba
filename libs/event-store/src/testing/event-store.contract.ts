import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '@partnerships/domain';
import { InvalidEventStoreInputError, StoreNotEmptyError } from '../event-store.errors';
import { compareLogPositions, type EventStore, type ImportedEvent, type NewEvent, type RecordedEvent } from '../event-store.port';
import { ChainVerifier } from '../hash-chain/chain-verifier';
import { EMPTY_STREAM_TIP, chainTipOf, sealEvents } from '../hash-chain/event-hash';
import { logPages } from '../reading/log-pages';
import { SubscriptionProbe } from './subscription-probe';
import { readWholeLog } from './whole-log';

export interface EventStoreUnderTest {
  readonly store: EventStore;
  teardown(): Promise<void>;
}

/** A new event with a fresh id; tests pass only what they look at. */
export function newTestEvent(type = 'TestEventHappened', data: Record<string, unknown> = {}): NewEvent {
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      occurredAt: '2026-01-02T03:04:05.000Z',
      actor: 'contract-test',
      correlationId: randomUUID(),
      causationId: null,
      schemaVersion: 1,
    },
  };
}

/** Stream ids unique per call, so the contract runs on a store that other tests also write to. */
export function uniqueStreamId(prefix = 'contract'): string {
  return `${prefix}-${randomUUID()}`;
}

/**
 * Polls `read` until `done` holds. A log read may lag a finished append while any older
 * transaction (of this test run or another on the same server) is still open.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A head position with everything appended before it readable: appends a marker event and waits
 * until the log shows it. Reading "after" a plain `headPosition()` could still meet an earlier
 * event that an open transaction elsewhere on the server was holding back.
 */
export async function settledHead(store: EventStore): Promise<string> {
  const marker = await store.appendToStream(uniqueStreamId('marker'), [newTestEvent('MarkerAppended')], {
    expectedVersion: 'no_stream',
  });
  await eventually(
    () => store.headPosition(),
    (head) => compareLogPositions(head, marker.position) >= 0,
  );
  return marker.position;
}

function ids(events: readonly { eventId: string }[]): string[] {
  return events.map((event) => event.eventId);
}

function expectStrictlyIncreasing(events: readonly RecordedEvent[]): void {
  for (let i = 1; i < events.length; i += 1) {
    expect(compareLogPositions(events[i - 1].position, events[i].position)).toBe(-1);
  }
}

async function expectConflict(
  attempt: Promise<unknown>,
  streamId: string,
  expected: string | number,
  actual: number | null,
): Promise<void> {
  const error = await attempt.then(
    () => {
      throw new Error('expected a version conflict');
    },
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  expect(error).toMatchObject({ code: 'VERSION_CONFLICT', streamId, expected, actual });
}

/**
 * The behaviour every EventStore adapter must have. `factory` runs before each test; the store it
 * returns may already hold events (tests use their own streams and read the log after its head).
 */
export function describeEventStoreContract(name: string, factory: () => Promise<EventStoreUnderTest>): void {
  describe(`${name} event store contract`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await factory());
    });

    afterEach(async () => {
      await teardown();
    });

    it('gives back sealed events whose hash chain still verifies, whatever its JSON columns do to key order', async () => {
      const streamId = uniqueStreamId();
      const data = { zeta: 'ünïcødé ✓', alpha: { amountMinor: 1999, currency: 'EUR' }, list: [3, 1, { b: null, a: true }], ratio: 0.125 };
      const first = sealEvents(streamId, EMPTY_STREAM_TIP, [newTestEvent('TestEventHappened', data), newTestEvent()]);
      await store.appendToStream(streamId, first, { expectedVersion: 'no_stream' });
      const stored = await store.readStream(streamId);
      const more = sealEvents(streamId, chainTipOf(stored[1]), [newTestEvent('TestEventHappened', { at: 'later' })]);
      await store.appendToStream(streamId, more, { expectedVersion: 2 });

      const verifier = new ChainVerifier();
      const breaks = (await store.readStream(streamId)).map((event) => verifier.check(event)).filter((found) => found !== null);
      expect(breaks).toEqual([]);
      expect(verifier.head.events).toBe(3);
    });

    describe('when appending', () => {
      it('creates a stream with no_stream and answers its version and last position', async () => {
        const streamId = uniqueStreamId();
        const events = [newTestEvent(), newTestEvent()];

        const result = await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });

        const stored = await store.readStream(streamId);
        expect(result).toEqual({ version: 2, position: stored[1].position, replayed: false });
        expect(stored.map((event) => [event.eventId, event.version, event.streamId])).toEqual([
          [events[0].eventId, 1, streamId],
          [events[1].eventId, 2, streamId],
        ]);
      });

      it('refuses no_stream when the stream exists, naming its version', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' });

        await expectConflict(
          store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' }),
          streamId,
          'no_stream',
          1,
        );
        expect(await store.readStream(streamId)).toHaveLength(1);
      });

      it('appends with any whether or not the stream exists', async () => {
        const streamId = uniqueStreamId();

        const first = await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'any' });
        const second = await store.appendToStream(streamId, [newTestEvent(), newTestEvent()], { expectedVersion: 'any' });

        expect([first.version, second.version]).toEqual([1, 3]);
        expect(compareLogPositions(first.position, second.position)).toBe(-1);
      });

      it('appends when the stream holds exactly the expected number of events', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newTestEvent(), newTestEvent()], { expectedVersion: 'no_stream' });

        const result = await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 2 });

        expect(result.version).toBe(3);
      });

      it('treats an expected version of 0 as no stream', async () => {
        const streamId = uniqueStreamId();

        await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 0 });

        await expectConflict(store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 0 }), streamId, 0, 1);
      });

      it('refuses an exact version on a missing stream, with no actual version', async () => {
        const streamId = uniqueStreamId();

        await expectConflict(store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 1 }), streamId, 1, null);
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('refuses a stale or a future exact version, naming the actual one', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newTestEvent(), newTestEvent()], { expectedVersion: 'no_stream' });

        await expectConflict(store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 1 }), streamId, 1, 2);
        await expectConflict(store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 3 }), streamId, 3, 2);
        expect(await store.readStream(streamId)).toHaveLength(2);
      });

      it('answers a re-append of stored event ids with the first result and writes nothing', async () => {
        const streamId = uniqueStreamId();
        const batch = [newTestEvent(), newTestEvent()];
        const first = await store.appendToStream(streamId, batch, { expectedVersion: 'no_stream' });
        await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 2 });

        const again = await store.appendToStream(streamId, batch, { expectedVersion: 'no_stream' });

        expect(again).toEqual({ version: first.version, position: first.position, replayed: true });
        expect(await store.readStream(streamId)).toHaveLength(3);
      });

      it('refuses malformed input', async () => {
        const streamId = uniqueStreamId();
        const attempts = [
          store.appendToStream('', [newTestEvent()], { expectedVersion: 'any' }),
          store.appendToStream(streamId, [], { expectedVersion: 'any' }),
          store.appendToStream(streamId, [{ ...newTestEvent(), eventId: 'not-a-uuid' }], { expectedVersion: 'any' }),
          store.appendToStream(streamId, [newTestEvent()], { expectedVersion: -1 }),
        ];

        for (const attempt of attempts) {
          await expect(attempt).rejects.toThrow();
        }
        expect(await store.readStream(streamId)).toEqual([]);
      });

      it('keeps data and metadata as given and sets recordedAt', async () => {
        const streamId = uniqueStreamId();
        const data = {
          name: 'Acme — “quoted” ✓',
          amount: { amountMinor: 1234567, currency: 'EUR' },
          tags: ['a', 'b'],
          nested: { empty: {}, none: null, flag: false, ratio: 0.25 },
        };
        const event = newTestEvent('PartnerSelected', data);
        const metadata = { ...event.metadata, causationId: randomUUID(), extra: { source: 'import' } };
        const before = Date.now();

        await store.appendToStream(streamId, [{ ...event, metadata }], { expectedVersion: 'no_stream' });

        const [stored] = await store.readStream(streamId);
        expect(stored).toMatchObject({ eventId: event.eventId, type: 'PartnerSelected', data, metadata });
        expect(new Date(stored.recordedAt).toISOString()).toBe(stored.recordedAt);
        expect(Date.parse(stored.recordedAt)).toBeGreaterThanOrEqual(before - 5_000);
        expect(Date.parse(stored.recordedAt)).toBeLessThanOrEqual(Date.now() + 5_000);
      });
    });

    describe('when reading a stream', () => {
      it('reads from a version, at most maxCount events', async () => {
        const streamId = uniqueStreamId();
        const events = [newTestEvent(), newTestEvent(), newTestEvent(), newTestEvent()];
        await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });

        const read = await store.readStream(streamId, { fromVersion: 2, maxCount: 2 });

        expect(read.map((event) => event.version)).toEqual([2, 3]);
        expect(ids(read)).toEqual(ids(events.slice(1, 3)));
        expect(await store.readStream(streamId, { fromVersion: 5 })).toEqual([]);
      });

      it('answers an empty array for a stream that does not exist', async () => {
        expect(await store.readStream(uniqueStreamId())).toEqual([]);
      });
    });

    describe('when reading page by page ahead of the reader (logPages)', () => {
      it('gives a stream in version order, every event once, in pages of at most the size asked', async () => {
        const streamId = uniqueStreamId();
        const events = Array.from({ length: 5 }, () => newTestEvent());
        await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });

        const sizes: number[] = [];
        const read: RecordedEvent[] = [];
        for await (const page of logPages(store, { streamId, pageSize: 2 })) {
          sizes.push(page.length);
          read.push(...page);
        }
        expect(sizes).toEqual([2, 2, 1]);
        expect(ids(read)).toEqual(ids(events));
        const whole: RecordedEvent[][] = [];
        for await (const page of logPages(store, { streamId, pageSize: 5 })) whole.push(page);
        expect(whole.map((page) => page.length)).toEqual([5]);
      });

      it('gives the whole log in position order, the same events as one read', async () => {
        const streamId = uniqueStreamId();
        await store.appendToStream(streamId, [newTestEvent(), newTestEvent(), newTestEvent()], { expectedVersion: 'no_stream' });
        const all = await eventually(
          () => store.readAll(),
          (log) => log.filter((event) => event.streamId === streamId).length === 3,
        );

        const paged: RecordedEvent[] = [];
        for await (const page of logPages(store, { pageSize: 2 })) paged.push(...page);
        expect(ids(paged.slice(0, all.length))).toEqual(ids(all));
        expectStrictlyIncreasing(paged);
      });
    });

    describe('when reading the log', () => {
      it('reads from the start in strictly increasing position order', async () => {
        const streamId = uniqueStreamId();
        const events = [newTestEvent(), newTestEvent()];
        await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });

        const all = await eventually(
          () => store.readAll(),
          (log) => log.filter((event) => event.streamId === streamId).length === 2,
        );

        expectStrictlyIncreasing(all);
        expect(ids(all.filter((event) => event.streamId === streamId))).toEqual(ids(events));
      });

      it('reads strictly after a position, at most limit events', async () => {
        const streamId = uniqueStreamId();
        const events = [newTestEvent(), newTestEvent(), newTestEvent()];
        const head = await settledHead(store);
        await store.appendToStream(streamId, events, { expectedVersion: 'no_stream' });

        const firstTwo = await eventually(
          () => store.readAll({ after: head, limit: 2 }),
          (log) => log.length === 2,
        );
        const rest = await eventually(
          () => store.readAll({ after: firstTwo[1].position }),
          (log) => log.length === 1,
        );

        expect(ids(firstTwo)).toEqual(ids(events.slice(0, 2)));
        expect(ids(rest)).toEqual(ids(events.slice(2)));
      });

      it('orders events of several streams by when they were appended', async () => {
        const a = uniqueStreamId('a');
        const b = uniqueStreamId('b');
        const head = await settledHead(store);
        const a1 = newTestEvent();
        const b1 = newTestEvent();
        const a2 = newTestEvent();

        await store.appendToStream(a, [a1], { expectedVersion: 'no_stream' });
        await store.appendToStream(b, [b1], { expectedVersion: 'no_stream' });
        await store.appendToStream(a, [a2], { expectedVersion: 1 });

        const log = await eventually(
          () => store.readAll({ after: head }),
          (read) => read.length === 3,
        );
        expect(ids(log)).toEqual(ids([a1, b1, a2]));
        expect(log.map((event) => [event.streamId, event.version])).toEqual([
          [a, 1],
          [b, 1],
          [a, 2],
        ]);
      });

      it('gives a stream its events in the same order as the log', async () => {
        const streamId = uniqueStreamId();
        for (let i = 0; i < 5; i += 1) {
          await store.appendToStream(streamId, [newTestEvent(), newTestEvent()], { expectedVersion: 'any' });
        }

        const stream = await store.readStream(streamId);

        expectStrictlyIncreasing(stream);
        const fromLog = await eventually(
          async () => (await store.readAll()).filter((event) => event.streamId === streamId),
          (read) => read.length === stream.length,
        );
        expect(fromLog).toEqual(stream);
      });

      it('answers the position of the last appended event as the head', async () => {
        const result = await store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' });

        const head = await eventually(
          () => store.headPosition(),
          (position) => compareLogPositions(position, result.position) >= 0,
        );
        expect(head).toBe(result.position);
      });
    });

    describe('when subscribing to the log', () => {
      it('catches up in pages, says so, then receives live appends exactly once', async () => {
        const streamId = uniqueStreamId();
        const head = await settledHead(store);
        const earlier = [newTestEvent(), newTestEvent(), newTestEvent(), newTestEvent(), newTestEvent()];
        await store.appendToStream(streamId, earlier, { expectedVersion: 'no_stream' });
        const probe = new SubscriptionProbe(store.subscribeToAll({ after: head, batchSize: 2 }));
        try {
          await probe.waitFor((p) => p.caughtUpCount === 1);
          expect(ids(probe.events)).toEqual(ids(earlier));
          const caughtUp = probe.messages[probe.messages.length - 1];
          expect(caughtUp).toEqual({ kind: 'caught-up', position: probe.events[4].position });

          const later = [newTestEvent(), newTestEvent()];
          await store.appendToStream(streamId, later.slice(0, 1), { expectedVersion: 5 });
          await store.appendToStream(uniqueStreamId(), later.slice(1), { expectedVersion: 'no_stream' });
          await probe.waitFor((p) => p.events.length === 7);

          expect(ids(probe.events)).toEqual(ids([...earlier, ...later]));
          expectStrictlyIncreasing(probe.events);
          expect(probe.error).toBeNull();
        } finally {
          probe.unsubscribe();
        }
      });

      it('reports being caught up on an empty tail, with the starting position', async () => {
        const head = await settledHead(store);
        const probe = new SubscriptionProbe(store.subscribeToAll({ after: head }));
        try {
          await probe.waitFor((p) => p.caughtUpCount === 1);
          expect(probe.messages).toEqual([{ kind: 'caught-up', position: head }]);
        } finally {
          probe.unsubscribe();
        }
      });

      it('emits nothing more once unsubscribed', async () => {
        const head = await settledHead(store);
        const probe = new SubscriptionProbe(store.subscribeToAll({ after: head }));
        await probe.waitFor((p) => p.caughtUpCount === 1);

        probe.unsubscribe();
        await store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' });
        await new Promise((resolve) => setTimeout(resolve, 400));

        expect(probe.events).toEqual([]);
        expect(probe.error).toBeNull();
      });
    });
  });
}

/** Imported events as an export gives them: streams interleaved, each from version 1, recorded long ago. */
export function importedTestLog(count: number, streams = 3): ImportedEvent[] {
  const ids = Array.from({ length: streams }, () => uniqueStreamId('imported'));
  const versions = new Map<string, number>();
  return Array.from({ length: count }, (_, i) => {
    const streamId = ids[(i * 7) % streams];
    const version = (versions.get(streamId) ?? 0) + 1;
    versions.set(streamId, version);
    const event = newTestEvent('TestEventImported', { i, nested: { ratio: 0.5, tags: ['x'] } });
    return {
      ...event,
      metadata: { ...event.metadata, hash: `h${i}`, previousHash: null },
      streamId,
      version,
      recordedAt: new Date(Date.UTC(2021, 0, 1) + i * 1_000).toISOString(),
    };
  });
}

export async function* asyncEvents<T>(events: readonly T[]): AsyncGenerator<T> {
  yield* events;
}

/**
 * Importing an exported log, which every adapter must do alike. `emptyStore` gives a store whose
 * log holds no event (unlike the contract's factory, whose log other tests share).
 */
export function describeEventStoreImportContract(name: string, emptyStore: () => Promise<EventStoreUnderTest>): void {
  describe(`${name} event store import`, () => {
    let store: EventStore;
    let teardown: () => Promise<void>;

    beforeEach(async () => {
      ({ store, teardown } = await emptyStore());
    });

    afterEach(async () => {
      await teardown();
    });

    it('keeps ids, versions, recordedAt, data and metadata in the log order, and wakes a live subscriber', async () => {
      const imported = importedTestLog(12);
      const probe = new SubscriptionProbe(store.subscribeToAll());
      try {
        await probe.waitFor((p) => p.caughtUpCount === 1);

        const result = await store.importLog(asyncEvents(imported));

        const log = await readWholeLog(store);
        expect(log.map(({ position: _position, ...event }) => event)).toEqual(imported);
        expectStrictlyIncreasing(log);
        expect(result).toEqual({ events: 12, lastPosition: log[11].position });
        await probe.waitFor((p) => p.events.length === 12);
        expect(probe.events).toEqual(log);
        const [last] = imported.slice(-1);
        const next = await store.appendToStream(last.streamId, [newTestEvent()], { expectedVersion: last.version });
        expect(next.version).toBe(last.version + 1);
      } finally {
        probe.unsubscribe();
      }
    });

    it('refuses a store that holds events, and writes nothing', async () => {
      const held = await store.appendToStream(uniqueStreamId(), [newTestEvent()], { expectedVersion: 'no_stream' });

      await expect(store.importLog(asyncEvents(importedTestLog(3)))).rejects.toBeInstanceOf(StoreNotEmptyError);

      expect((await readWholeLog(store)).map((event) => event.position)).toEqual([held.position]);
    });

    it('refuses a stream that does not start at version 1, and writes nothing', async () => {
      const [first] = importedTestLog(1);

      await expect(store.importLog(asyncEvents([{ ...first, version: 2 }]))).rejects.toBeInstanceOf(InvalidEventStoreInputError);

      expect(await store.headPosition()).toBeNull();
    });
  });
}
