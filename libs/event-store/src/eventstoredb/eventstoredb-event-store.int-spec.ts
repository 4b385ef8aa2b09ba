import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { compareLogPositions } from '../event-store.port';
import {
  describeEventStoreContract,
  describeEventStoreImportContract,
  newTestEvent,
  settledHead,
  startEventStoreDbDouble,
  SubscriptionProbe,
  uniqueStreamId,
  type EventStoreDbDouble,
} from '../testing';
import { EventStoreDbEventStore } from './eventstoredb-event-store';
import { toLogPosition } from './eventstoredb-position';

describe('on the EventStoreDB protocol double', () => {
  let double: EventStoreDbDouble;

  beforeAll(async () => {
    double = await startEventStoreDbDouble();
  });

  afterAll(async () => {
    await double.stop();
  });

  describeEventStoreContract('EventStoreDB adapter (protocol double)', async () => {
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString));
    return { store, teardown: () => store.close() };
  });

  describeEventStoreImportContract('EventStoreDB adapter (protocol double)', async () => {
    const empty = await startEventStoreDbDouble();
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(empty.connectionString));
    return {
      store,
      teardown: async () => {
        await store.close();
        await empty.stop();
      },
    };
  });

  describe('EventStoreDB adapter', () => {
    let store: EventStoreDbEventStore;
    let foreign: EventStoreDBClient;
    let resubscriptions: number;

    beforeEach(() => {
      resubscriptions = 0;
      store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString), {
        streamPrefixes: ['ours-', 'marker-'],
        resubscribe: { initialMs: 20, maxMs: 200 },
        onResubscribe: () => {
          resubscriptions += 1;
        },
      });
      foreign = EventStoreDBClient.connectionString(double.connectionString);
    });

    afterEach(async () => {
      await store.close();
      await foreign.dispose();
    });

    /** Another application's events and the server's own, between ours. */
    async function writeForeignEvents(count: number): Promise<void> {
      for (let i = 0; i < count; i += 1) {
        await foreign.appendToStream(`theirs-${i % 3}`, jsonEvent({ type: 'SomethingElseHappened', data: { i } }));
        double.appendSystemEvent();
      }
    }

    it('reads, heads and subscribes to our streams only, leaving out system events and other streams', async () => {
      const head = await settledHead(store);
      const first = newTestEvent();
      const second = newTestEvent();
      await store.appendToStream(uniqueStreamId('ours'), [first], { expectedVersion: 'no_stream' });
      await writeForeignEvents(3);
      const last = await store.appendToStream(uniqueStreamId('ours'), [second], { expectedVersion: 'no_stream' });
      await writeForeignEvents(3);

      const log = await store.readAll({ after: head });
      expect(log.map((event) => event.eventId)).toEqual([first.eventId, second.eventId]);
      expect(await store.readAll({ after: head, limit: 1 })).toEqual(log.slice(0, 1));
      expect(await store.headPosition()).toBe(last.position);

      const probe = new SubscriptionProbe(store.subscribeToAll({ after: head }));
      try {
        await probe.waitFor((p) => p.caughtUpCount === 1);
        expect(probe.events).toEqual(log);
        expect(probe.messages[probe.messages.length - 1]).toEqual({ kind: 'caught-up', position: last.position });
      } finally {
        probe.unsubscribe();
      }
    });

    it('pages through the log, part of it from the read-ahead, as one whole read gives it, new events included', async () => {
      const head = await settledHead(store);
      const streamId = uniqueStreamId('ours');
      for (let i = 0; i < 30; i += 1) {
        await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'any' });
        if (i % 4 === 0) await writeForeignEvents(1);
      }
      const paged: string[] = [];
      let after: string = head;
      for (let page = 0; ; page += 1) {
        const events = await store.readAll({ after, limit: 3 });
        if (events.length === 0) break;
        paged.push(...events.map((event) => event.eventId));
        after = events[events.length - 1].position;
        // Appended after the read-ahead was filled: a later page must still find it.
        if (page === 2) await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'any' });
      }

      const whole = (await store.readAll({ after: head })).map((event) => event.eventId);
      expect(whole).toHaveLength(31);
      expect(paged).toEqual(whole);
    });

    it('answers a null head when the log holds no event of ours', async () => {
      const empty = await startEventStoreDbDouble();
      const onEmpty = new EventStoreDbEventStore(EventStoreDBClient.connectionString(empty.connectionString));
      try {
        expect(await onEmpty.headPosition()).toBeNull();
        expect(await onEmpty.readAll()).toEqual([]);
      } finally {
        await onEmpty.close();
        await empty.stop();
      }
    });

    it('completes its subscriptions when it closes, and opens no other', async () => {
      const probe = new SubscriptionProbe(store.subscribeToAll({ after: await settledHead(store) }));
      await probe.waitFor((p) => p.caughtUpCount === 1);
      const open = double.openSubscriptions();

      await store.close();

      await probe.waitFor((p) => p.completed);
      await eventuallyTrue(() => double.openSubscriptions() === open - 1);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(resubscriptions).toBe(0);
      expect(probe.error).toBeNull();
    });

    it.each(['error', 'end'] as const)(
      'resumes a subscription the server drops (%s) from its checkpoint, losing and repeating nothing',
      async (how) => {
        const streamId = uniqueStreamId('ours');
        const head = await settledHead(store);
        const written: string[] = [];
        const append = async (count: number) => {
          for (let i = 0; i < count; i += 1) {
            const event = newTestEvent();
            await store.appendToStream(streamId, [event], { expectedVersion: 'any' });
            written.push(event.eventId);
          }
        };
        await append(5);
        const startsBefore = double.subscriptionStarts().length;
        const probe = new SubscriptionProbe(store.subscribeToAll({ after: head }));
        try {
          await probe.waitFor((p) => p.caughtUpCount === 1 && p.events.length === 5);
          await append(3);
          await probe.waitFor((p) => p.events.length === 8);
          // Enough foreign events after our last one for the server to report checkpoints past it.
          await writeForeignEvents(40);
          await new Promise((resolve) => setTimeout(resolve, 200));

          for (let drop = 1; drop <= 3; drop += 1) {
            await eventuallyTrue(() => double.openSubscriptions() > 0);
            expect(double.dropSubscriptions(how)).toBeGreaterThan(0);
            // Written while the subscription is down: the resubscription must bring them.
            await append(2);
            await writeForeignEvents(20);
            await eventuallyTrue(() => resubscriptions >= drop);
          }
          await append(4);

          // The first resubscription resumed from a checkpoint beyond our last delivered event.
          const [, firstResume] = double.subscriptionStarts().slice(startsBefore);
          expect(typeof firstResume).toBe('object');
          const resumedAt = toLogPosition(firstResume as { commit: bigint; prepare: bigint });
          expect(compareLogPositions(resumedAt, probe.events[7].position)).toBe(1);

          await probe.waitFor((p) => p.events.length === written.length);
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(probe.events.map((event) => event.eventId)).toEqual(written);
          expect(probe.events.map((event) => event.version)).toEqual(written.map((_, i) => i + 1));
          for (let i = 1; i < probe.events.length; i += 1) {
            expect(compareLogPositions(probe.events[i - 1].position, probe.events[i].position)).toBe(-1);
          }
          expect(probe.error).toBeNull();
        } finally {
          probe.unsubscribe();
        }
      },
    );
  });
});

const realServer = process.env.EVENTSTORE_CONNECTION_STRING;
if (realServer) {
  // Only where a real EventStoreDB / KurrentDB runs (see docs/deploy.md); CI has none.
  describeEventStoreContract('EventStoreDB adapter (real server)', async () => {
    const store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(realServer));
    return { store, teardown: () => store.close() };
  });
}

async function eventuallyTrue(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
