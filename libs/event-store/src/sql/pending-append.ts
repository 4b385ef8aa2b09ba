import type { ExpectedVersion, NewEvent } from '../event-store.port';
import { assertValidAppend } from '../event-store.validation';

/** An append, validated and ready for `append_events` or a batch. */
export interface PendingAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  /** As `append_events` takes it: -1 any, 0 no stream, n exactly n events. */
  readonly expected: number;
  /** The events as a JSON array, serialised once for either path. */
  readonly eventsJson: string;
  readonly eventCount: number;
}

export function pendingAppend(
  streamId: string,
  events: readonly NewEvent[],
  expectedVersion: ExpectedVersion,
): PendingAppend {
  assertValidAppend(streamId, events, expectedVersion);
  return {
    streamId,
    expectedVersion,
    expected: expectedVersion === 'any' ? -1 : expectedVersion === 'no_stream' ? 0 : expectedVersion,
    eventsJson: JSON.stringify(
      events.map((event) => ({
        eventId: event.eventId.toLowerCase(),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      })),
    ),
    eventCount: events.length,
  };
}

/** The argument of `append_events_batch`, assembled from each append's JSON made once. */
export function batchJson(appends: readonly PendingAppend[]): string {
  const items = appends.map(
    (append) =>
      `{"streamId":${JSON.stringify(append.streamId)},"expectedVersion":${append.expected},"events":${append.eventsJson}}`,
  );
  return `[${items.join(',')}]`;
}
