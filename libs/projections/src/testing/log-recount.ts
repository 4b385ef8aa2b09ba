import { compareLogPositions, decodeEvents, logPages, type EventStore, type LogPosition, type RecordedEvent } from '@partnerships/event-store';

/** Every event of the log up to `until` (inclusive), read page by page. */
export async function readLogUntil(store: EventStore, until: LogPosition | null): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  if (until === null) return events;
  for await (const page of logPages(store, { pageSize: 1_000 })) {
    for (const event of page) {
      if (compareLogPositions(event.position, until) > 0) return events;
      events.push(event);
    }
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
