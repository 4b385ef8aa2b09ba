import type { EventStore, ReadAllOptions, RecordedEvent } from '@partnerships/event-store';

/** Pages kept for readers that have not taken them yet. */
const MAX_PAGES_KEPT = 4;
/** How long a reader that is that far ahead waits for the slowest; after that, the oldest page goes. */
const MAX_WAIT_MS = 10_000;

/**
 * The store, with `readAll` pages shared between `readers` runners that read the same pages of
 * the log (several projections rebuilt from zero with one batch size): each full page is read
 * and decoded once. A short page (the head) is never kept, since the log may grow after it.
 * Readers move at the pace of the slowest (a fast one waits when it is `MAX_PAGES_KEPT` pages
 * ahead), which costs nothing: the rebuild ends when the slowest does.
 */
export function sharingLogPages(store: EventStore, readers: number): EventStore {
  const pages = new Map<string, { readonly page: Promise<RecordedEvent[]>; left: number }>();

  async function readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const key = `${options.after ?? 'start'}/${options.limit ?? 'all'}`;
    if (!pages.has(key)) {
      await roomForOneMore();
    }
    let entry = pages.get(key);
    if (entry === undefined) {
      const page = store.readAll(options);
      const created = { page, left: readers };
      entry = created;
      pages.set(key, created);
      page.then(
        (events) => {
          if (options.limit === undefined || events.length < options.limit) forget(key, created);
        },
        () => forget(key, created),
      );
    }
    entry.left -= 1;
    if (entry.left <= 0) forget(key, entry);
    return entry.page;
  }

  async function roomForOneMore(): Promise<void> {
    const deadline = Date.now() + MAX_WAIT_MS;
    while (pages.size >= MAX_PAGES_KEPT && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    // A reader that stopped (failed, or live on its own) must not hold the others for ever.
    while (pages.size >= MAX_PAGES_KEPT) {
      pages.delete(pages.keys().next().value as string);
    }
  }

  function forget(key: string, entry: { readonly page: Promise<RecordedEvent[]> }): void {
    if (pages.get(key) === entry) pages.delete(key);
  }

  return {
    appendToStream: (streamId, events, options) => store.appendToStream(streamId, events, options),
    readStream: (streamId, options) => store.readStream(streamId, options),
    readAll,
    subscribeToAll: (options) => store.subscribeToAll(options),
    headPosition: () => store.headPosition(),
    ping: () => store.ping(),
    // The store belongs to the caller.
    close: () => Promise.resolve(),
  };
}
