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
