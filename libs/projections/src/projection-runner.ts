import { decodeEvents, type EventStore, type LogPosition, type RecordedEvent, type SqlClient } from '@partnerships/event-store';
import { CheckpointStore, defaultFailureDecision, isRetryableError, LogFollower, type LogLagCounter } from '@partnerships/log-follower';
import type { Projection } from './projection';

export type ProjectionState = 'catching-up' | 'live' | 'failed' | 'stopped';

export interface ProjectionFailure {
  readonly eventId: string;
  readonly position: LogPosition;
  readonly type: string;
  readonly message: string;
}

export interface ProjectionStatus {
  readonly name: string;
  readonly state: ProjectionState;
  /** Position of the last applied event, null before the first. */
  readonly position: LogPosition | null;
  /** Events in the log after `position`. */
  readonly lag: number;
  /** Events this runner applied and committed since it started. */
  readonly appliedEvents: number;
  readonly failure?: ProjectionFailure;
  /** The store or database error being retried, while the runner backs off. */
  readonly retrying?: { readonly attempts: number; readonly message: string };
}

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  /** The read-model database: the projection's tables and its checkpoint. */
  readonly readModel: SqlClient;
  /** Events per transaction while catching up; default 1,000. */
  readonly batchSize?: number;
  /** Pull again this often when no wake-up came (a notification can be lost); default 250 ms. */
  readonly idlePollMs?: number;
  /** Backoff after a store or database error: first delay, doubling up to the max. Defaults 100 ms, 5 s. */
  readonly retryDelayMs?: { readonly initial: number; readonly max: number };
  /** Default: reads at most 10,000 events ahead; pass `sqlLogLagCounter` on the SQL store. */
  readonly lagCounter?: LogLagCounter;
}

/** `apply` threw: a fact about the batch, as opposed to a failure of the store or the database. */
class ApplyRefused extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** The failing event is found: the runner stops in state `failed`. */
class ProjectionFailed extends Error {
  constructor(readonly failure: ProjectionFailure) {
    super(failure.message);
  }
}

/**
 * Runs one projection as a client of the log follower: each page is decoded, applied and
 * checkpointed in one read-model transaction, so a crash neither loses nor double-applies an
 * event. An event the projection refuses is found (one event per transaction, keeping the ones
 * before it) and stops the runner in state `failed`.
 */
export class ProjectionRunner {
  private readonly checkpoints: CheckpointStore;
  private readonly follower: LogFollower;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.checkpoints = new CheckpointStore(options.readModel);
    this.follower = new LogFollower(
      {
        prepare: () => this.prepare(),
        readCheckpoint: () => this.checkpoints.read(this.name),
        handlePage: (page, from, committed) => this.applyPage(page, from, committed),
        decide: (error) => (error instanceof ProjectionFailed ? 'fatal' : defaultFailureDecision(error)),
      },
      options,
    );
  }

  get name(): string {
    return this.projection.name;
  }

  /** The last position applied and committed by this runner (null before the first). */
  get appliedPosition(): LogPosition | null {
    return this.follower.position;
  }

  /** Starts in the background; errors show in `status()`, never as an unhandled rejection. */
  start(): void {
    this.follower.start();
  }

  /** Ends the loop after the transaction in flight (committed or rolled back) and lets go of every timer. */
  stop(): Promise<void> {
    return this.follower.stop();
  }

  async status(): Promise<ProjectionStatus> {
    const { state, position, lag, handled, retrying, failure } = await this.follower.status();
    return {
      name: this.name,
      state: state === 'starting' ? 'catching-up' : state,
      position,
      lag,
      appliedEvents: handled,
      ...(failure instanceof ProjectionFailed && { failure: failure.failure }),
      ...(retrying && { retrying }),
    };
  }

  private async prepare(): Promise<void> {
    await this.checkpoints.prepare();
    await this.options.readModel.transaction(async (tx) => {
      await this.projection.setup(tx);
      await this.checkpoints.register(tx, this.name);
    });
  }

  private async applyPage(page: readonly RecordedEvent[], from: LogPosition | null, committed: Committed): Promise<void> {
    try {
      await this.commit(page, from, committed);
    } catch (error) {
      if (!(error instanceof ApplyRefused) || isRetryableError(error.reason)) {
        throw error;
      }
      // Find the culprit one event per transaction, so the events before it are kept.
      let position = from;
      for (const event of page) {
        await this.commitSingle(event, position, committed);
        position = event.position;
      }
    }
  }

  private async commitSingle(event: RecordedEvent, from: LogPosition | null, committed: Committed): Promise<void> {
    try {
      await this.commit([event], from, committed);
    } catch (error) {
      if (error instanceof ApplyRefused && !isRetryableError(error.reason)) {
        throw new ProjectionFailed({ eventId: event.eventId, position: event.position, type: event.type, message: error.message });
      }
      throw error;
    }
  }

  private async commit(events: readonly RecordedEvent[], from: LogPosition | null, committed: Committed): Promise<void> {
    const to = events[events.length - 1].position;
    await this.options.readModel.transaction(async (tx) => {
      // The checkpoint row first: it locks out another runner of this projection (or a rebuild
      // swapping its tables in) before any read-model row is touched, always in that order.
      await this.checkpoints.save(tx, this.name, from, to);
      try {
        // Decoded here, inside the transaction's guard: an event that cannot be read is found
        // (one event per transaction) and reported like any event the projection refuses.
        await this.projection.apply(tx, decodeEvents(events));
      } catch (error) {
        throw new ApplyRefused(error);
      }
    });
    committed(to, events.length);
  }
}

type Committed = (to: LogPosition, events: number) => void;
