import { compareLogPositions, decodeEvents, type EventStore, type LogPosition, type RecordedEvent } from '@partnerships/event-store';

/** Every event of the log up to `until` (inclusive), read page by page. */
export async function readLogUntil(store: EventStore, until: LogPosition | null): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after: LogPosition | null = null;
  while (until !== null) {
    const page = await store.readAll({ after, limit: 1_000 });
    for (const event of page) {
      if (compareLogPositions(event.position, until) > 0) {
        return events;
      }
      events.push(event);
    }
    if (page.length === 0) {
      return events;
    }
    after = page[page.length - 1].position;
  }
  return events;
}

/**
 * The stream-count read model computed straight from the log, up to `until`: the domain's events,
 * as a projection sees them (markers and other foreign events are decoded away).
 */
export async function recountStreams(store: EventStore, until: LogPosition | null): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const event of decodeEvents(await readLogUntil(store, until))) {
    counts[event.streamId] = (counts[event.streamId] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
