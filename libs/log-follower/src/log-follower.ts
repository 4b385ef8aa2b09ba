import type { EventStore, LogPosition, RecordedEvent } from '@partnerships/event-store';
import { CheckpointMovedError } from './checkpoint-store';
import { followLog } from './follow-log';
import { HeadWatcher } from './head-watcher';
import { readingLogLagCounter, type LogLagCounter } from './log-lag.counter';
import { RetryBackoff } from './retry-backoff';

export type FollowerState = 'starting' | 'catching-up' | 'live' | 'failed' | 'stopped';

/** What a failure means to the follower. */
export type FailureDecision = 'fatal' | 'retry-now' | 'retry-after-backoff';

/** Another follower or a rebuild moved the checkpoint: on from the stored one at once; anything else after a backoff. */
export function defaultFailureDecision(error: unknown): FailureDecision {
  return error instanceof CheckpointMovedError ? 'retry-now' : 'retry-after-backoff';
}

/**
 * What one consumer of the log does with it: the projection runner, the Kafka relay, the webhook
 * deliveries. The follower owns the loop around it (pages, head waits, failures, stop, status).
 */
export interface LogFollowerClient {
  /** Set-up before the first page (tables, checkpoint row, topic); run again until it succeeds once. */
  prepare(): Promise<void>;
  /** Where to start, and to start again after a failure: the stored checkpoint. */
  readCheckpoint(): Promise<LogPosition | null>;
  /**
   * Handles a page and stores the checkpoint at its last event, moving it from `from`, and says
   * so with `committed(to, events)` each time a checkpoint is stored (once for the page, or once
   * per part of it). A throw leaves the follower at the last checkpoint said (see `decide`).
   */
  handlePage(page: readonly RecordedEvent[], from: LogPosition | null, committed: (to: LogPosition, events: number) => void): Promise<void>;
  /** How to go on after a failure; default: retry after a growing backoff. */
  decide?(error: unknown): FailureDecision;
  /** Told of every failure that will be retried, with the number of failures in a row. */
  onRetry?(attempts: number, error: unknown): void;
}

export interface LogFollowerOptions {
  readonly store: EventStore;
  /** Events per page; a full page means more may follow at once. Default 1,000. */
  readonly batchSize?: number;
  /** Pull again this often at the head when no wake-up came (a notification can be lost); default 250 ms. */
  readonly idlePollMs?: number;
  /** Backoff after a failure: first delay, doubling up to the max. Defaults 100 ms, 5 s. */
  readonly retryDelayMs?: { readonly initial: number; readonly max: number };
  /** Default: reads at most 10,000 events ahead; pass `sqlLogLagCounter` on the SQL store. */
  readonly lagCounter?: LogLagCounter;
}

export interface FollowerStatus {
  readonly state: FollowerState;
  /** The checkpoint: the last event handled and stored, null before the first. */
  readonly position: LogPosition | null;
  /** Events in the log after `position`. */
  readonly lag: number;
  /** Events handled since this follower started. */
  readonly handled: number;
  /** Failures since this follower started (each retried, or the last one fatal). */
  readonly failures: number;
  /** The failure being retried, while the follower backs off. */
  readonly retrying?: { readonly attempts: number; readonly message: string };
  /** The failure that stopped it (state `failed`). */
  readonly failure?: unknown;
}

/**
 * Follows the global log for one client, from its checkpoint: catch-up page by page (the next page
 * read while one is handled), then live at the head, waking on the store's notifications with a
 * fallback poll. A failure sends it back to the stored checkpoint (nothing in memory is trusted)
 * after a backoff, at once, or into `failed`, as the client decides. `stop()` lets the page in
 * flight finish.
 */
export class LogFollower {
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly backoff: RetryBackoff;
  private readonly lagCounter: LogLagCounter;
  private readonly headWatcher: HeadWatcher;
  private state: FollowerState = 'starting';
  private checkpoint: LogPosition | null = null;
  private handled = 0;
  private failures = 0;
  private retrying: { attempts: number; message: string } | undefined;
  private failure: unknown;
  private running: Promise<void> | null = null;
  private stopRequested = false;

  constructor(
    private readonly client: LogFollowerClient,
    private readonly options: LogFollowerOptions,
  ) {
    this.batchSize = options.batchSize ?? 1_000;
    this.idlePollMs = options.idlePollMs ?? 250;
    this.backoff = new RetryBackoff(options.retryDelayMs ?? { initial: 100, max: 5_000 });
    this.lagCounter = options.lagCounter ?? readingLogLagCounter(options.store);
    this.headWatcher = new HeadWatcher(options.store);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new Error('batchSize must be a positive integer');
    }
  }

  /** The last position handled and stored by this follower (null before the first). */
  get position(): LogPosition | null {
    return this.checkpoint;
  }

  /** True from `stop()` on: a client's long wait (a send to an absent broker) gives up on it. */
  get stopping(): boolean {
    return this.stopRequested;
  }

  /** Starts in the background; failures show in `status()`, never as an unhandled rejection. */
  start(): void {
    if (this.running !== null) throw new Error('This follower was already started; use a new one');
    this.running = this.run();
  }

  /** Ends after the page in flight (handled and stored, or given up) and lets go of every timer. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    this.headWatcher.interrupt();
    this.backoff.interrupt();
    await this.running;
    this.headWatcher.close();
    if (this.state !== 'failed') this.state = 'stopped';
  }

  /** The events of the log after `position` (the checkpoint when omitted). */
  lag(position: LogPosition | null = this.checkpoint): Promise<number> {
    return this.lagCounter(position);
  }

  async status(): Promise<FollowerStatus> {
    const position = this.checkpoint;
    return {
      state: this.state,
      position,
      lag: await this.lagCounter(position),
      handled: this.handled,
      failures: this.failures,
      ...(this.retrying && { retrying: { ...this.retrying } }),
      ...(this.state === 'failed' && { failure: this.failure }),
    };
  }

  private async run(): Promise<void> {
    let prepared = false;
    let attempts = 0;
    while (!this.stopRequested) {
      try {
        if (!prepared) {
          await this.client.prepare();
          prepared = true;
        }
        this.checkpoint = await this.client.readCheckpoint();
        await followLog({
          store: this.options.store,
          headWatcher: this.headWatcher,
          batchSize: this.batchSize,
          idlePollMs: this.idlePollMs,
          position: () => this.checkpoint,
          stopping: () => this.stopRequested,
          onState: (state) => (this.state = state),
          handlePage: (page) => this.handle(page),
          onProgress: () => {
            attempts = 0;
            this.retrying = undefined;
          },
        });
        return;
      } catch (error) {
        this.headWatcher.close();
        if (this.stopRequested) return;
        this.failures += 1;
        const decision = (this.client.decide ?? defaultFailureDecision)(error);
        if (decision === 'fatal') {
          this.state = 'failed';
          this.failure = error;
          this.retrying = undefined;
          return;
        }
        if (decision === 'retry-now') continue;
        attempts += 1;
        this.retrying = { attempts, message: error instanceof Error ? error.message : String(error) };
        this.client.onRetry?.(attempts, error);
        await this.backoff.wait(attempts);
      }
    }
  }

  private handle(page: readonly RecordedEvent[]): Promise<void> {
    return this.client.handlePage(page, this.checkpoint, (to, events) => {
      this.checkpoint = to;
      this.handled += events;
    });
  }
}
