import type { EventStore, LogPosition, RecordedEvent } from '@partnerships/event-store';
import type { HeadWatcher } from './head-watcher';

export interface FollowLogOptions {
  readonly store: EventStore;
  readonly headWatcher: HeadWatcher;
  /** Events per page; a full page means more may follow at once. */
  readonly batchSize: number;
  /** Pull again this often at the head when no wake-up came (a notification can be lost). */
  readonly idlePollMs: number;
  /** Where the follower stands: `handlePage` moves it. */
  readonly position: () => LogPosition | null;
  readonly stopping: () => boolean;
  readonly onState: (state: 'catching-up' | 'live') => void;
  /** Commits a page (read model, topic, …) and moves `position()` to its last event. */
  readonly handlePage: (page: readonly RecordedEvent[]) => Promise<void>;
  /** After each page handled and each idle wait: the follower is making progress. */
  readonly onProgress: () => void;
}

/**
 * Pulls the global log page by page after `position()` (a huge log never holds more than two
 * pages in memory), hands each page over, and at the head waits for a wake-up or the fallback
 * poll. While a full page is handled the next one is already being read, so catching up is
 * bound by the slower of reading and handling, not their sum. Returns only when stopping;
 * throws on any error, the caller deciding between retry and failure.
 */
export async function followLog(options: FollowLogOptions): Promise<void> {
  const readPage = (after: LogPosition | null): Promise<RecordedEvent[]> =>
    options.store.readAll({ after, limit: options.batchSize });
  let ahead: Promise<RecordedEvent[]> | null = null;
  try {
    while (!options.stopping()) {
      const page = await (ahead ?? readPage(options.position()));
      ahead = null;
      if (options.stopping()) return;
      if (page.length === 0) {
        options.onState('live');
        options.headWatcher.watch(options.position());
        await options.headWatcher.wait(options.idlePollMs);
        options.onProgress();
        continue;
      }
      options.headWatcher.close();
      if (page.length === options.batchSize) {
        options.onState('catching-up');
        ahead = readPage(page[page.length - 1].position);
      }
      await options.handlePage(page);
      // A short page ended at the readable head.
      if (page.length < options.batchSize) options.onState('live');
      options.onProgress();
    }
  } finally {
    // A page read ahead of a failure or a stop is dropped; the next run reads from the checkpoint.
    ahead?.catch(() => undefined);
  }
}

/** What a supervised follower does after a failure. */
export type FailureDecision = 'stop' | 'retry-now' | 'retry-after-backoff';

export interface SuperviseFollowerOptions {
  readonly stopping: () => boolean;
  readonly backoff: RetryBackoff;
  /** Set-up, run until it succeeds once (tables, checkpoint row, topic…). */
  readonly prepare: () => Promise<void>;
  /** Reads the stored checkpoint and follows the log from it; calls `recovered` on progress. */
  readonly follow: (recovered: () => void) => Promise<void>;
  /** After progress following failures: the follower is healthy again. */
  readonly onRecovered: () => void;
  readonly decide: (error: unknown) => FailureDecision;
  /** Before each backoff, with the number of failures in a row. */
  readonly onRetry: (attempts: number, error: unknown) => void;
}

/**
 * The loop around `followLog` shared by the projection runner and the relay: prepare once, follow
 * from the stored checkpoint (after a failure nothing in memory is trusted), and on a failure stop,
 * go again at once, or wait out a backoff that grows with the failures in a row.
 */
export async function superviseFollower(options: SuperviseFollowerOptions): Promise<void> {
  let prepared = false;
  let attempts = 0;
  while (!options.stopping()) {
    try {
      if (!prepared) {
        await options.prepare();
        prepared = true;
      }
      await options.follow(() => {
        attempts = 0;
        options.onRecovered();
      });
      return;
    } catch (error) {
      const decision = options.decide(error);
      if (decision === 'stop') return;
      if (decision === 'retry-now') continue;
      attempts += 1;
      options.onRetry(attempts, error);
      await options.backoff.wait(attempts);
    }
  }
}

/** The wait after a failure: the first delay, doubling with each attempt up to the max; `interrupt()` ends it at once. */
export class RetryBackoff {
  private cancel: (() => void) | null = null;

  constructor(private readonly delayMs: { readonly initial: number; readonly max: number }) {}

  wait(attempts: number): Promise<void> {
    const ms = Math.min(this.delayMs.initial * 2 ** (attempts - 1), this.delayMs.max);
    return new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.cancel = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.cancel = done;
    });
  }

  interrupt(): void {
    this.cancel?.();
  }
}
