import type { EventStore, RecordedEvent } from '../event-store.port';

/** Every readable event of the log, in position order, read page by page. */
export async function readWholeLog(store: EventStore, pageSize = 1_000): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (;;) {
    const page = await store.readAll({ after: events.at(-1)?.position ?? null, limit: pageSize });
    if (page.length === 0) return events;
    events.push(...page);
  }
}
