import {
  compareLogPositions,
  decodeEvents,
  type EventStore,
  type LogPosition,
  type SqlClient,
} from '@partnerships/event-store';
import { eventually, newTestEvent, settledHead, uniqueStreamId } from '@partnerships/event-store/testing';
import type { NewEvent } from '@partnerships/event-store';
import { Observable } from 'rxjs';
import { CheckpointStore } from '@partnerships/log-follower';
import type { LogLagCounter } from '@partnerships/log-follower';
import { ProjectionHost } from '../projection-host';
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from '../projection-runner';
import { readLogUntil, recountStreams } from './log-recount';
import { StreamCountProjection } from './stream-count.projection';

export interface ProjectionRunnerEnvironment {
  readonly store: EventStore;
  /** Counts the log's events after a position (SQL count, or reading EventStoreDB). */
  readonly lagCounter: LogLagCounter;
  /** The read-model database: the event store's or another one. */
  readonly readModel: SqlClient;
}

/**
 * An event the runner hands to projections: projections see only the domain's event types (the
 * runner decodes each page), so the counted events are of one, whatever their data.
 */
function countedEvent(type: 'PartnerTierChanged' | 'TeammateRemoved' = 'PartnerTierChanged'): NewEvent {
  return newTestEvent(type);
}

/** Appends `count` events spread over `streams` new streams, a hundred per append. */
async function appendEvents(store: EventStore, count: number, streams: number): Promise<void> {
  const ids = Array.from({ length: streams }, () => uniqueStreamId('counted'));
  for (let offset = 0; offset < count; offset += 100) {
    const size = Math.min(100, count - offset);
    const streamId = ids[(offset / 100) % streams];
    await store.appendToStream(streamId, Array.from({ length: size }, () => countedEvent()), { expectedVersion: 'any' });
  }
}

/** Waits until the runner is live at `position` or beyond (or failed) and returns its status. */
async function statusAt(runner: ProjectionRunner, position: LogPosition): Promise<ProjectionStatus> {
  return eventually(
    () => runner.status(),
    (status) =>
      status.state === 'failed' || (status.state === 'live' && compareLogPositions(status.position, position) >= 0),
    20_000,
  );
}

export function describeProjectionRunner(name: string, environment: () => ProjectionRunnerEnvironment): void {
  describe(`Projection runner on ${name}`, () => {
    const runners: ProjectionRunner[] = [];

    function runnerFor(projection: StreamCountProjection, options: Partial<ProjectionRunnerOptions> = {}): ProjectionRunner {
      const { store, lagCounter, readModel } = environment();
      const runner = new ProjectionRunner(projection, {
        store,
        readModel,
        lagCounter,
        ...options,
      });
      runners.push(runner);
      return runner;
    }

    afterEach(async () => {
      await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    });

    describe('when the log holds thousands of events', () => {
      it('catches up in batches, then follows live appends, equal to a recount of the log', async () => {
        const { store, readModel } = environment();
        await appendEvents(store, 3_000, 30);
        const head = await settledHead(store);
        const projection = new StreamCountProjection(StreamCountProjection.uniqueName());
        const runner = runnerFor(projection, { batchSize: 500 });
        runner.start();

        const caughtUp = await statusAt(runner, head);
        expect(caughtUp.state).toBe('live');
        expect(caughtUp.lag).toBe(0);
        expect(projection.batchSizes.length).toBeGreaterThanOrEqual(6);
        expect(Math.max(...projection.batchSizes)).toBe(500);
        expect(await projection.read(readModel)).toEqual(await recountStreams(store, caughtUp.position));

        const liveStream = uniqueStreamId('live');
        for (let i = 0; i < 20; i += 1) {
          await store.appendToStream(liveStream, [countedEvent()], { expectedVersion: 'any' });
        }
        const live = await statusAt(runner, await settledHead(store));
        expect(live.state).toBe('live');
        const model = await projection.read(readModel);
        expect(model[liveStream]).toBe(20);
        expect(model).toEqual(await recountStreams(store, live.position));
      });
    });

    describe('when apply throws on one event', () => {
      it('fails naming that event, with every event before it applied and checkpointed', async () => {
        const { store, readModel } = environment();
        const stream = uniqueStreamId('poisoned');
        const poison = countedEvent('TeammateRemoved');
        await store.appendToStream(stream, Array.from({ length: 50 }, () => countedEvent()), { expectedVersion: 'any' });
        const { position: poisonPosition } = await store.appendToStream(stream, [poison], { expectedVersion: 'any' });
        await store.appendToStream(stream, Array.from({ length: 10 }, () => countedEvent()), { expectedVersion: 'any' });
        await settledHead(store);
        const projection = new StreamCountProjection(StreamCountProjection.uniqueName(), { refuseEventId: poison.eventId });
        const runner = runnerFor(projection);
        runner.start();

        const failed = await eventually(() => runner.status(), (status) => status.state === 'failed', 20_000);
        expect(failed.failure).toEqual({
          eventId: poison.eventId,
          position: poisonPosition,
          type: 'TeammateRemoved',
          message: `cannot count event ${poison.eventId}`,
        });
        const before = (await readLogUntil(store, poisonPosition)).slice(0, -1);
        const justBefore = before[before.length - 1].position;
        expect(failed.position).toBe(justBefore);
        expect(await new CheckpointStore(readModel).read(projection.name)).toBe(justBefore);
        const model = await projection.read(readModel);
        expect(model[stream]).toBe(50);
        expect(model).toEqual(await recountStreams(store, justBefore));

        // Failed means stopped: no retries keep hammering the bad event.
        const calls = projection.batchSizes.length;
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(projection.batchSizes.length).toBe(calls);
        await runner.stop();
        expect((await runner.status()).state).toBe('failed');
      });
    });

    describe('when a runner dies in the middle of catch-up', () => {
      it('a fresh runner resumes from the checkpoint without counting an event twice', async () => {
        const { store, readModel } = environment();
        await appendEvents(store, 2_000, 10);
        const head = await settledHead(store);
        const name = StreamCountProjection.uniqueName();
        const crashing = new StreamCountProjection(name, { crashAfterBatches: 2 });
        const first = runnerFor(crashing, { batchSize: 300 });
        first.start();
        const died = await eventually(() => first.status(), (status) => status.state === 'failed', 20_000);
        await first.stop();
        const log = await readLogUntil(store, head);
        expect(died.position).toBe(log[599].position);
        expect(await crashing.read(readModel)).toEqual(await recountStreams(store, log[599].position));

        const healthy = new StreamCountProjection(name);
        const second = runnerFor(healthy, { batchSize: 300 });
        second.start();
        const resumed = await statusAt(second, head);
        expect(resumed.state).toBe('live');
        expect(healthy.batchSizes.reduce((sum, size) => sum + size, 0)).toBe(decodeEvents(log.slice(600)).length);
        expect(await healthy.read(readModel)).toEqual(await recountStreams(store, resumed.position));
      });
    });

    describe('when the store fails for a while', () => {
      it('retries from the stored checkpoint by itself and catches up', async () => {
        const { store, readModel } = environment();
        await appendEvents(store, 500, 5);
        const head = await settledHead(store);
        const flaky = new FlakyEventStore(store, 3);
        const projection = new StreamCountProjection(StreamCountProjection.uniqueName());
        // Retry delays long enough for a status poll to see the retrying state on every store.
        const runner = runnerFor(projection, { store: flaky, batchSize: 200, retryDelayMs: { initial: 300, max: 600 } });
        const seen: ProjectionStatus[] = [];
        runner.start();
        const caughtUp = await eventually(
          async () => {
            const status = await runner.status();
            seen.push(status);
            return status;
          },
          (status) => status.state === 'live' && compareLogPositions(status.position, head) >= 0,
          20_000,
        );
        expect(caughtUp.state).toBe('live');

        expect(seen.some((status) => status.retrying?.message === 'Connection terminated unexpectedly')).toBe(true);
        expect(flaky.failedReads).toBe(3);

        // Now the live subscription drops once the runner is idle again.
        flaky.failNextSubscription = true;
        await store.appendToStream(uniqueStreamId('before-drop'), [countedEvent()], { expectedVersion: 'any' });
        await statusAt(runner, await settledHead(store));
        await eventually(
          async () => flaky.droppedSubscriptions,
          (dropped) => dropped === 1,
        );
        expect(flaky.droppedSubscriptions).toBe(1);
        const stream = uniqueStreamId('after-drop');
        await store.appendToStream(stream, [countedEvent(), countedEvent()], { expectedVersion: 'any' });
        const live = await statusAt(runner, await settledHead(store));
        expect(live.state).toBe('live');
        expect(live.retrying).toBeUndefined();
        expect((await projection.read(readModel))[stream]).toBe(2);
        expect(await projection.read(readModel)).toEqual(await recountStreams(store, live.position));
      });
    });

    describe('when stopped while live', () => {
      it('stops at once and lets go of its subscription and timers', async () => {
        const { store } = environment();
        const head = await settledHead(store);
        const runner = runnerFor(new StreamCountProjection(StreamCountProjection.uniqueName()), { idlePollMs: 60_000 });
        runner.start();
        await statusAt(runner, head);
        const started = Date.now();
        await runner.stop();
        expect(Date.now() - started).toBeLessThan(1_000);
        expect((await runner.status()).state).toBe('stopped');
      });
    });

    describe('when a host runs several projections', () => {
      it('reports the status of each', async () => {
        const { store, lagCounter, readModel } = environment();
        await appendEvents(store, 200, 2);
        const head = await settledHead(store);
        const names = [StreamCountProjection.uniqueName('host'), StreamCountProjection.uniqueName('host')];
        const host = new ProjectionHost(
          names.map((projectionName) => new StreamCountProjection(projectionName)),
          { store, readModel, lagCounter },
        );
        host.start();
        try {
          const statuses = await eventually(
            () => host.statuses(),
            (all) => all.every((status) => status.state === 'live' && compareLogPositions(status.position, head) >= 0),
            20_000,
          );
          expect(statuses.map(({ name: projectionName, state, lag }) => ({ name: projectionName, state, lag }))).toEqual(
            names.map((projectionName) => ({ name: projectionName, state: 'live', lag: 0 })),
          );
        } finally {
          await host.stop();
        }
      });
    });
  });
}

/** The real store, except that its first reads fail like a dropped connection, and a subscription can be made to error. */
class FlakyEventStore implements EventStore {
  failedReads = 0;
  failNextSubscription = false;
  droppedSubscriptions = 0;

  constructor(
    private readonly inner: EventStore,
    private readonly readsToFail: number,
  ) {}

  appendToStream: EventStore['appendToStream'] = (...args) => this.inner.appendToStream(...args);
  readStream: EventStore['readStream'] = (...args) => this.inner.readStream(...args);
  headPosition: EventStore['headPosition'] = () => this.inner.headPosition();
  ping: EventStore['ping'] = () => this.inner.ping();
  importLog: EventStore['importLog'] = (events) => this.inner.importLog(events);
  close: EventStore['close'] = () => Promise.resolve();

  readAll: EventStore['readAll'] = async (options) => {
    if (this.failedReads < this.readsToFail) {
      this.failedReads += 1;
      throw Object.assign(new Error('Connection terminated unexpectedly'), { code: 'ECONNRESET' });
    }
    return this.inner.readAll(options);
  };

  subscribeToAll: EventStore['subscribeToAll'] = (options) => {
    if (!this.failNextSubscription) {
      return this.inner.subscribeToAll(options);
    }
    this.failNextSubscription = false;
    // Emits the initial "caught-up", then drops as a lost connection would.
    return new Observable((subscriber) => {
      subscriber.next({ kind: 'caught-up', position: options?.after ?? null });
      const timer = setTimeout(() => {
        this.droppedSubscriptions += 1;
        subscriber.error(new Error('subscription dropped'));
      }, 20);
      return () => clearTimeout(timer);
    });
  };
}
