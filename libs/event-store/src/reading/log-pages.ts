import type { EventStore, RecordedEvent } from '../event-store.port';

export interface LogPagesOptions {
  /** One stream in version order instead of the whole log in position order. */
  readonly streamId?: string;
  readonly pageSize: number;
}

/**
 * The log (or one stream) page by page, reading the next page while the caller works on the one
 * it holds: the store's round trip and decoding overlap the caller's work. Ends after a short page.
 */
export async function* logPages(store: EventStore, options: LogPagesOptions): AsyncGenerator<RecordedEvent[]> {
  const { streamId, pageSize } = options;
  const read = (last: RecordedEvent | null): Promise<RecordedEvent[]> =>
    streamId === undefined
      ? store.readAll({ after: last?.position ?? null, limit: pageSize })
      : store.readStream(streamId, { fromVersion: (last?.version ?? 0) + 1, maxCount: pageSize });
  let next = read(null);
  for (;;) {
    const page = await next;
    if (page.length === 0) return;
    next = page.length < pageSize ? Promise.resolve([]) : read(page[page.length - 1]);
    // A caller that stops early never awaits the page read ahead: its failure is not theirs.
    next.catch(() => undefined);
    yield page;
  }
}
