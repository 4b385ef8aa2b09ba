import { randomUUID } from 'node:crypto';
import {
  ANY,
  type AllStreamResolvedEvent,
  type AppendExpectedRevision,
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  type Filter,
  NO_STREAM,
  type Position,
  START,
  STREAM_EXISTS,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  eventTypeFilter,
  excludeSystemEvents,
  jsonEvent,
  streamNameFilter,
} from '@eventstore/db-client';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { type EventStoreDbDouble, type EventStoreDbDoubleOptions, startEventStoreDbDouble } from './eventstoredb-double';

interface Harness {
  double: EventStoreDbDouble;
  client: EventStoreDBClient;
}

/** A fresh double and a real client for every test. */
function useDouble(options: EventStoreDbDoubleOptions = {}): Harness {
  const harness = {} as Harness;
  beforeEach(async () => {
    harness.double = await startEventStoreDbDouble(options);
    harness.client = EventStoreDBClient.connectionString(harness.double.connectionString);
  });
  afterEach(async () => {
    await harness.client.dispose();
    await harness.double.stop();
  });
  return harness;
}

const streamName = (prefix = 'order'): string => `${prefix}-${randomUUID()}`;
const event = (type = 'OrderPlaced', data: Record<string, unknown> = {}) => jsonEvent({ type, data });
const comparePositions = (a: Position, b: Position): number =>
  a.commit === b.commit ? Number(a.prepare - b.prepare) : Number(a.commit - b.commit);
const positionOf = (resolved: AllStreamResolvedEvent): Position => {
  if (!resolved.event) throw new Error('resolved event without event');
  return resolved.event.position;
};

async function collect<T>(read: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of read) items.push(item);
  return items;
}

async function readAll(client: EventStoreDBClient, options: Parameters<EventStoreDBClient['readAll']>[0] = {}) {
  return collect<AllStreamResolvedEvent>(client.readAll(options));
}

async function eventually(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Records what a subscription emits. */
function record(subscription: ReturnType<EventStoreDBClient['subscribeToAll']>) {
  const recorded = { events: [] as AllStreamResolvedEvent[], caughtUp: 0, confirmed: false, ended: false, error: undefined as unknown };
  subscription.on('data', (resolved: AllStreamResolvedEvent) => recorded.events.push(resolved));
  subscription.on('caughtUp', () => recorded.caughtUp++);
  subscription.on('confirmation', () => (recorded.confirmed = true));
  subscription.on('end', () => (recorded.ended = true));
  subscription.on('error', (error) => (recorded.error = error));
  return recorded;
}

async function expectWrongExpectedVersion(
  append: Promise<unknown>,
  expected: { streamName: string; expectedVersion: unknown; actualVersion: unknown },
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WrongExpectedVersionError);
  expect(error).toMatchObject(expected);
}

describe('EventStoreDB protocol double', () => {
  describe.each([
    { batchAppend: true, path: 'BatchAppend' },
    { batchAppend: false, path: 'Append' },
  ])('appends through $path', ({ batchAppend }) => {
    const harness = useDouble({ batchAppend });

    it('advertises a 24.10 server and BatchAppend only when enabled, as the real client reads it', async () => {
      const capabilities = await (
        harness.client as unknown as { capabilities: Promise<{ serverVersion: string; supports(method: unknown): boolean }> }
      ).capabilities;
      expect(capabilities.serverVersion).toBe('24.10.0');
      expect(capabilities.supports(StreamsService.batchAppend)).toBe(batchAppend);
      expect(capabilities.supports(StreamsService.read)).toBe(true);
      expect(capabilities.supports(StreamsService.append)).toBe(true);
    });

    it('creates a stream with no_stream and refuses no_stream once it exists', async () => {
      const { client } = harness;
      const stream = streamName();
      const first = await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
      expect(first).toMatchObject({ success: true, nextExpectedRevision: 1n });
      await expectWrongExpectedVersion(client.appendToStream(stream, event(), { expectedRevision: NO_STREAM }), {
        streamName: stream,
        expectedVersion: 'no_stream',
        actualVersion: 1n,
      });
    });

    it('accepts any expected revision whether or not the stream exists', async () => {
      const stream = streamName();
      expect(await harness.client.appendToStream(stream, event(), { expectedRevision: ANY })).toMatchObject({ nextExpectedRevision: 0n });
      expect(await harness.client.appendToStream(stream, event(), { expectedRevision: ANY })).toMatchObject({ nextExpectedRevision: 1n });
    });

    it('refuses stream_exists on a missing stream and accepts it on an existing one', async () => {
      const { client } = harness;
      const stream = streamName();
      await expectWrongExpectedVersion(client.appendToStream(stream, event(), { expectedRevision: STREAM_EXISTS }), {
        streamName: stream,
        expectedVersion: 'stream_exists',
        actualVersion: 'no_stream',
      });
      await client.appendToStream(stream, event(), { expectedRevision: NO_STREAM });
      expect(await client.appendToStream(stream, event(), { expectedRevision: STREAM_EXISTS })).toMatchObject({ nextExpectedRevision: 1n });
    });

    it('accepts the exact current revision and reports current and expected when it is stale, ahead or the stream is missing', async () => {
      const { client } = harness;
      const stream = streamName();
      await expectWrongExpectedVersion(client.appendToStream(stream, event(), { expectedRevision: 0n }), {
        expectedVersion: 0n,
        actualVersion: 'no_stream',
        streamName: stream,
      });
      await client.appendToStream(stream, [event(), event()], { expectedRevision: NO_STREAM });
      expect(await client.appendToStream(stream, event(), { expectedRevision: 1n })).toMatchObject({ success: true, nextExpectedRevision: 2n });
      await expectWrongExpectedVersion(client.appendToStream(stream, event(), { expectedRevision: 1n }), {
        streamName: stream,
        expectedVersion: 1n,
        actualVersion: 2n,
      });
      await expectWrongExpectedVersion(client.appendToStream(stream, event(), { expectedRevision: 7n }), {
        streamName: stream,
        expectedVersion: 7n,
        actualVersion: 2n,
      });
    });

    it.each<[string, AppendExpectedRevision]>([
      ['no_stream', NO_STREAM],
      ['any', ANY],
    ])('answers an identical re-append with %s like the first write and writes nothing', async (_name, expectedRevision) => {
      const { client } = harness;
      const stream = streamName();
      const events = [event('A'), event('B')];
      const first = await client.appendToStream(stream, events, { expectedRevision });
      const again = await client.appendToStream(stream, events, { expectedRevision });
      expect(again).toEqual(first);
      expect(await collect(client.readStream(stream))).toHaveLength(2);
    });

    it('answers a re-append at an exact revision with the original result, and refuses a partial overlap', async () => {
      const { client } = harness;
      const stream = streamName();
      await client.appendToStream(stream, event('A'), { expectedRevision: NO_STREAM });
      const retried = [event('B'), event('C')];
      const first = await client.appendToStream(stream, retried, { expectedRevision: 0n });
      await client.appendToStream(stream, event('D'), { expectedRevision: 2n });
      expect(await client.appendToStream(stream, retried, { expectedRevision: 0n })).toEqual(first);
      await expectWrongExpectedVersion(client.appendToStream(stream, [retried[0], event('E')], { expectedRevision: 0n }), {
        streamName: stream,
        expectedVersion: 0n,
        actualVersion: 3n,
      });
      expect((await collect(client.readStream(stream))).map((resolved) => resolved.event?.type)).toEqual(['A', 'B', 'C', 'D']);
    });

    it('answers with the position of the last event written, shared as commit position by the whole append', async () => {
      const { client } = harness;
      const stream = streamName();
      const result = await client.appendToStream(stream, [event('A', { n: 1 }), event('B', { n: 2 })]);
      const written = (await readAll(client, { direction: BACKWARDS, fromPosition: END, maxCount: 2 })).reverse();
      expect(written.map((resolved) => resolved.event?.type)).toEqual(['A', 'B']);
      const [a, b] = written.map(positionOf);
      expect(result.position).toEqual(b);
      expect(a?.commit).toBe(b?.commit);
      expect(a!.prepare < b!.prepare).toBe(true);
      expect(b!.commit >= b!.prepare).toBe(true);
    });
  });

  describe('reading', () => {
    const harness = useDouble();

    it('reads a stream forwards, backwards, from a revision and up to a count, with data, metadata and created', async () => {
      const { client } = harness;
      const stream = streamName();
      const before = Date.now();
      await client.appendToStream(stream, [0, 1, 2, 3].map((n) => jsonEvent({ type: `E${n}`, data: { n }, metadata: { by: 'test' } })));
      const revisions = async (options: Parameters<EventStoreDBClient['readStream']>[1]) =>
        (await collect(client.readStream(stream, options))).map((resolved) => resolved.event?.revision);

      expect(await revisions({})).toEqual([0n, 1n, 2n, 3n]);
      expect(await revisions({ direction: BACKWARDS, fromRevision: END })).toEqual([3n, 2n, 1n, 0n]);
      expect(await revisions({ direction: FORWARDS, fromRevision: 2n })).toEqual([2n, 3n]);
      expect(await revisions({ direction: BACKWARDS, fromRevision: 1n })).toEqual([1n, 0n]);
      expect(await revisions({ maxCount: 2 })).toEqual([0n, 1n]);
      expect(await revisions({ direction: BACKWARDS, fromRevision: END, maxCount: 1 })).toEqual([3n]);
      expect(await revisions({ fromRevision: END })).toEqual([]);

      const [first] = await collect(client.readStream(stream, { maxCount: 1 }));
      expect(first?.event).toMatchObject({ streamId: stream, type: 'E0', data: { n: 0 }, metadata: { by: 'test' }, isJson: true });
      const created = first!.event!.created;
      expect(created.getTime()).toBeGreaterThanOrEqual(before - 1);
      expect(created.getTime()).toBeLessThanOrEqual(Date.now());
    });

    it('fails a read of a missing stream with StreamNotFoundError', async () => {
      const stream = streamName();
      const failure = await collect(harness.client.readStream(stream)).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(StreamNotFoundError);
      expect(failure).toMatchObject({ streamName: stream });
    });

    it('reads $all forwards in strictly increasing (commit, prepare) order, system events included', async () => {
      const { client, double } = harness;
      const [one, two] = [streamName('one'), streamName('two')];
      await client.appendToStream(one, [event('A'), event('B')]);
      await client.appendToStream(two, [event('C'), event('D'), event('E')]);
      double.appendSystemEvent();
      await client.appendToStream(one, event('F'));

      const all = await readAll(client);
      const positions = all.map(positionOf);
      positions.slice(1).forEach((position, index) => expect(comparePositions(positions[index]!, position)).toBeLessThan(0));
      expect(all[0]?.event?.streamId).toBe('$epoch-information');
      expect(all.filter((resolved) => resolved.event?.type.startsWith('$'))).toHaveLength(4);
      const ours = all.filter((resolved) => [one, two].includes(resolved.event?.streamId ?? ''));
      expect(ours.map((resolved) => resolved.event?.type)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    });

    it('reads $all backwards as the exact reverse, up to a count', async () => {
      const { client } = harness;
      await client.appendToStream(streamName(), [event('A'), event('B'), event('C')]);
      const forwards = await readAll(client);
      expect(await readAll(client, { direction: BACKWARDS, fromPosition: END })).toEqual([...forwards].reverse());
      expect(await readAll(client, { direction: BACKWARDS, fromPosition: END, maxCount: 2 })).toEqual(forwards.slice(-2).reverse());
      expect(await readAll(client, { maxCount: 2 })).toEqual(forwards.slice(0, 2));
    });

    it('reads $all forwards from a position including the event at it, and backwards from it excluding it', async () => {
      const { client } = harness;
      await client.appendToStream(streamName(), [event('A'), event('B'), event('C'), event('D')]);
      const forwards = await readAll(client);
      const pivot = forwards.length - 3;
      const position = positionOf(forwards[pivot]!);
      expect(await readAll(client, { fromPosition: position })).toEqual(forwards.slice(pivot));
      expect(await readAll(client, { fromPosition: position, direction: BACKWARDS })).toEqual(forwards.slice(0, pivot).reverse());
      expect(await readAll(client, { fromPosition: END })).toEqual([]);
    });
  });

  describe('subscribing to $all', () => {
    const harness = useDouble();

    it('catches up, signals caughtUp once, then delivers new appends live', async () => {
      const { client } = harness;
      const stream = streamName();
      await client.appendToStream(stream, [event('A'), event('B')]);
      const subscription = client.subscribeToAll({ fromPosition: START });
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      expect(recorded.confirmed).toBe(true);
      await client.appendToStream(stream, event('C'));
      await client.appendToStream(stream, event('D'));
      await eventually(() => recorded.events.some((resolved) => resolved.event?.type === 'D'), 'live event D');
      const ours = recorded.events.filter((resolved) => resolved.event?.streamId === stream);
      expect(ours.map((resolved) => resolved.event?.type)).toEqual(['A', 'B', 'C', 'D']);
      expect(recorded.events.filter((resolved) => resolved.event?.type.startsWith('$')).length).toBeGreaterThan(0);
      expect(recorded.caughtUp).toBe(1);
      await subscription.unsubscribe();
    });

    it('loses and repeats nothing when appends race the catch-up and then go live', async () => {
      const { client } = harness;
      const stream = streamName();
      for (let batch = 0; batch < 10; batch++) {
        await client.appendToStream(stream, Array.from({ length: 30 }, (_, n) => event('Before', { n: batch * 30 + n })));
      }
      const subscription = client.subscribeToAll({ fromPosition: START });
      const recorded = record(subscription);
      const racing = Array.from({ length: 40 }, (_, n) => client.appendToStream(stream, event('Racing', { n })));
      await Promise.all(racing);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      await Promise.all(Array.from({ length: 5 }, (_, n) => client.appendToStream(stream, event('Live', { n }))));
      await eventually(() => recorded.events.filter((resolved) => resolved.event?.type === 'Live').length === 5, 'live events');

      const ours = recorded.events.filter((resolved) => resolved.event?.streamId === stream);
      expect(ours.map((resolved) => resolved.event?.revision)).toEqual(Array.from({ length: 345 }, (_, n) => BigInt(n)));
      const positions = recorded.events.map(positionOf);
      positions.slice(1).forEach((position, index) => expect(comparePositions(positions[index]!, position)).toBeLessThan(0));
      expect(recorded.caughtUp).toBe(1);
      await subscription.unsubscribe();
    });

    it('from a position delivers only the events after it', async () => {
      const { client } = harness;
      const stream = streamName();
      await client.appendToStream(stream, [event('A'), event('B'), event('C')]);
      const [a] = await collect(client.readStream(stream, { maxCount: 1 }));
      const subscription = client.subscribeToAll({ fromPosition: a!.event!.position });
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      await client.appendToStream(stream, event('D'));
      await eventually(() => recorded.events.some((resolved) => resolved.event?.type === 'D'), 'live event D');
      expect(recorded.events.map((resolved) => resolved.event?.type)).toEqual(['B', 'C', 'D']);
      await subscription.unsubscribe();
    });

    it('from the end delivers only new events', async () => {
      const { client } = harness;
      const stream = streamName();
      await client.appendToStream(stream, event('Old'));
      const subscription = client.subscribeToAll({ fromPosition: END });
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      await client.appendToStream(stream, event('New'));
      await eventually(() => recorded.events.length > 0, 'a live event');
      expect(recorded.events.map((resolved) => resolved.event?.type)).toEqual(['New']);
      await subscription.unsubscribe();
    });

    it.each<[string, (checkpointReached: Filter['checkpointReached'], prefix: string) => Filter]>([
      ['a stream-name prefix', (checkpointReached, prefix) => streamNameFilter({ prefixes: [prefix], maxSearchWindow: 4, checkpointReached })],
      ['excludeSystemEvents', (checkpointReached) => excludeSystemEvents({ maxSearchWindow: 4, checkpointReached })],
    ])('with %s delivers only matching events and reaches increasing checkpoints', async (_name, makeFilter) => {
      const { client, double } = harness;
      const prefix = `filtered${randomUUID().slice(0, 8)}-`;
      const [mine, other] = [`${prefix}${randomUUID()}`, streamName('other')];
      const checkpoints: Position[] = [];
      for (let n = 0; n < 6; n++) {
        await client.appendToStream(mine, event('Mine', { n }));
        await client.appendToStream(other, event('Other', { n }));
        double.appendSystemEvent();
      }
      const filter = makeFilter((_subscription, position) => void checkpoints.push(position), prefix);
      const subscription = client.subscribeToAll({ fromPosition: START, filter });
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      for (let n = 6; n < 12; n++) {
        double.appendSystemEvent();
        await client.appendToStream(mine, event('Mine', { n }));
      }
      await eventually(() => recorded.events.filter((resolved) => resolved.event?.streamId === mine).length === 12, 'all of mine');

      const types = new Set(recorded.events.map((resolved) => resolved.event?.type));
      expect(types.has('$statsCollected')).toBe(false);
      if (filter.filterOn === 'streamName') expect([...types]).toEqual(['Mine']);
      else expect([...types].sort()).toEqual(['Mine', 'Other']);
      expect(checkpoints.length).toBeGreaterThanOrEqual(3);
      checkpoints.slice(1).forEach((position, index) => expect(comparePositions(checkpoints[index]!, position)).toBeLessThan(0));
      await subscription.unsubscribe();
    });

    it('with an event-type regex delivers only the types it matches', async () => {
      const { client } = harness;
      const stream = streamName();
      await client.appendToStream(stream, [event('OrderPlaced'), event('OrderShipped'), event('InvoiceSent')]);
      const subscription = client.subscribeToAll({ filter: eventTypeFilter({ regex: '^Order' }) });
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      expect(recorded.events.map((resolved) => resolved.event?.type)).toEqual(['OrderPlaced', 'OrderShipped']);
      await subscription.unsubscribe();
    });

    it.each<['error' | 'end', (recorded: ReturnType<typeof record>) => void]>([
      ['error', (recorded) => expect(recorded.error).toBeInstanceOf(UnavailableError)],
      ['end', (recorded) => expect(recorded.error).toBeUndefined()],
    ])('dropped with %s ends the client subscription accordingly and frees it on the server', async (how, check) => {
      const { client, double } = harness;
      const subscription = client.subscribeToAll();
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      expect(double.openSubscriptions()).toBe(1);
      expect(double.dropSubscriptions(how)).toBe(1);
      await eventually(() => (how === 'error' ? recorded.error !== undefined : recorded.ended), `the subscription to ${how}`);
      check(recorded);
      expect(double.openSubscriptions()).toBe(0);
    });

    it('forgets a subscription the client unsubscribes', async () => {
      const { client, double } = harness;
      const subscription = client.subscribeToAll();
      const recorded = record(subscription);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      expect(double.openSubscriptions()).toBe(1);
      await subscription.unsubscribe();
      await eventually(() => double.openSubscriptions() === 0, 'the server to forget the subscription');
    });
  });

  describe('subscribing to a stream', () => {
    const harness = useDouble();

    it('catches up on the stream after a revision, then delivers its new events live and no others', async () => {
      const { client } = harness;
      const stream = streamName();
      await client.appendToStream(stream, [event('A'), event('B'), event('C')]);
      const subscription = client.subscribeToStream(stream, { fromRevision: 0n });
      const recorded = record(subscription as unknown as ReturnType<EventStoreDBClient['subscribeToAll']>);
      await eventually(() => recorded.caughtUp > 0, 'caught up');
      await client.appendToStream(streamName(), event('Elsewhere'));
      await client.appendToStream(stream, event('D'));
      await eventually(() => recorded.events.length === 3, 'three events');
      expect(recorded.events.map((resolved) => resolved.event?.type)).toEqual(['B', 'C', 'D']);
      expect(recorded.caughtUp).toBe(1);
      await subscription.unsubscribe();
    });
  });

  it('stops with a subscription and a batch-append stream still open', async () => {
    const double = await startEventStoreDbDouble();
    const client = EventStoreDBClient.connectionString(double.connectionString);
    await client.appendToStream(streamName(), event());
    const recorded = record(client.subscribeToAll());
    await eventually(() => recorded.caughtUp > 0, 'caught up');
    await double.stop();
    await eventually(() => recorded.error !== undefined || recorded.ended, 'the subscription to end');
    await client.dispose();
  });
});
