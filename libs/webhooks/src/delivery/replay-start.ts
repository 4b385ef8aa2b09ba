import { logPages, type EventStore, type LogPosition } from '@partnerships/event-store';

/** Where an endpoint's cursor goes for a replay: deliveries restart after the returned position. */
export type ReplayStart = { readonly fromPosition: string } | { readonly fromTime: Date };

const PAGE = 1_000;

/**
 * The cursor before the first event to deliver again. From a position: that event included (the
 * log's positions are whole numbers, so "after position − 1"). From a time: the first event
 * recorded at or after it, found by reading the log from its start (a replay is rare; the read
 * runs at the log's reading speed).
 */
export async function replayCursor(store: EventStore, start: ReplayStart): Promise<LogPosition | null> {
  if ('fromPosition' in start) {
    const position = BigInt(start.fromPosition);
    return position <= 1n ? null : String(position - 1n);
  }
  const from = start.fromTime.getTime();
  let before: LogPosition | null = null;
  for await (const page of logPages(store, { pageSize: PAGE })) {
    for (const event of page) {
      if (Date.parse(event.recordedAt) >= from) return before;
      before = event.position;
    }
  }
  return before;
}
