import { decodeEvents, type EventStore, type LogPosition, type RecordedEvent, type SqlClient } from '@partnerships/event-store';
import { CheckpointMovedError, CheckpointStore } from './checkpoint-store';
import { HeadWatcher } from './head-watcher';
import { followLog, RetryBackoff, superviseFollower } from './log-follower';
import { readingLogLagCounter, type LogLagCounter } from './log-lag.counter';
import type { Projection } from './projection';
import { isRetryableError } from './retryable-error.policy';

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
 * Runs one projection: pulls the global log page by page from its checkpoint (so a huge log
 * never holds more than a page in memory), applies each page and moves the checkpoint in one
 * read-model transaction, then, at the head, waits for a wake-up or the fallback poll.
 */
export class ProjectionRunner {
  private readonly checkpoints: CheckpointStore;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly backoff: RetryBackoff;
  private readonly lagCounter: LogLagCounter;
  private readonly headWatcher: HeadWatcher;
  private state: ProjectionState = 'catching-up';
  private position: LogPosition | null = null;
  private appliedEvents = 0;
  private failure: ProjectionFailure | undefined;
  private retrying: { attempts: number; message: string } | undefined;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    readonly projection: Projection,
    private readonly options: ProjectionRunnerOptions,
  ) {
    this.checkpoints = new CheckpointStore(options.readModel);
    this.batchSize = options.batchSize ?? 1_000;
    this.idlePollMs = options.idlePollMs ?? 250;
    this.backoff = new RetryBackoff(options.retryDelayMs ?? { initial: 100, max: 5_000 });
    this.lagCounter = options.lagCounter ?? readingLogLagCounter(options.store);
    this.headWatcher = new HeadWatcher(options.store);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new Error('batchSize must be a positive integer');
    }
  }

  get name(): string {
    return this.projection.name;
  }

  /** The last position applied and committed by this runner (null before the first). */
  get appliedPosition(): LogPosition | null {
    return this.position;
  }

  /** Starts in the background; errors show in `status()`, never as an unhandled rejection. */
  start(): void {
    if (this.running !== null) {
      throw new Error(`Projection ${this.name} was already started; use a new runner`);
    }
    this.running = this.run();
  }

  /** Ends the loop after the transaction in flight (committed or rolled back) and lets go of every timer. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.headWatcher.interrupt();
    this.backoff.interrupt();
    await this.running;
    this.headWatcher.close();
    if (this.state !== 'failed') {
      this.state = 'stopped';
    }
  }

  async status(): Promise<ProjectionStatus> {
    const position = this.position;
    return {
      name: this.name,
      state: this.state,
      position,
      lag: await this.lagCounter(position),
      appliedEvents: this.appliedEvents,
      ...(this.failure && { failure: this.failure }),
      ...(this.retrying && { retrying: { ...this.retrying } }),
    };
  }

  private run(): Promise<void> {
    return superviseFollower({
      stopping: () => this.stopping,
      backoff: this.backoff,
      prepare: () => this.prepare(),
      follow: async (recovered) => {
        // Always from the stored checkpoint: after an error nothing in memory is trusted.
        this.position = await this.checkpoints.read(this.name);
        await this.follow(recovered);
      },
      onRecovered: () => {
        this.retrying = undefined;
      },
      decide: (error) => {
        this.headWatcher.close();
        if (error instanceof ProjectionFailed) {
          this.state = 'failed';
          this.failure = error.failure;
          this.retrying = undefined;
          return 'stop';
        }
        if (this.stopping) return 'stop';
        // Another runner or a rebuild moved it: carry on from where the stored one is, at once.
        if (error instanceof CheckpointMovedError) return 'retry-now';
        return 'retry-after-backoff';
      },
      onRetry: (attempts, error) => {
        this.retrying = { attempts, message: error instanceof Error ? error.message : String(error) };
      },
    });
  }

  private async prepare(): Promise<void> {
    await this.checkpoints.prepare();
    await this.options.readModel.transaction(async (tx) => {
      await this.projection.setup(tx);
      await this.checkpoints.register(tx, this.name);
    });
  }

  /** Returns only when stopping; throws on any error, the caller deciding between retry and failure. */
  private follow(onProgress: () => void): Promise<void> {
    return followLog({
      store: this.options.store,
      headWatcher: this.headWatcher,
      batchSize: this.batchSize,
      idlePollMs: this.idlePollMs,
      position: () => this.position,
      stopping: () => this.stopping,
      onState: (state) => (this.state = state),
      handlePage: (page) => this.applyPage(page),
      onProgress,
    });
  }

  private async applyPage(page: readonly RecordedEvent[]): Promise<void> {
    try {
      await this.commit(page);
    } catch (error) {
      if (!(error instanceof ApplyRefused) || isRetryableError(error.reason)) {
        throw error;
      }
      // Find the culprit one event per transaction, so the events before it are kept.
      for (const event of page) {
        await this.commitSingle(event);
      }
    }
  }

  private async commitSingle(event: RecordedEvent): Promise<void> {
    try {
      await this.commit([event]);
    } catch (error) {
      if (error instanceof ApplyRefused && !isRetryableError(error.reason)) {
        throw new ProjectionFailed({
          eventId: event.eventId,
          position: event.position,
          type: event.type,
          message: error.message,
        });
      }
      throw error;
    }
  }

  private async commit(events: readonly RecordedEvent[]): Promise<void> {
    const from = this.position;
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
    this.position = to;
    this.appliedEvents += events.length;
  }
}
