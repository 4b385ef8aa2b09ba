import type { EventMetadata, RecordedEvent } from '../event-store.port';

/**
 * Read from `events e`, and always order by `e.position`: a bare `ORDER BY position` would sort by
 * this text output column, which puts "100…" before "99…".
 */
export const eventColumns =
  'e.position::text AS position, e.stream_id, e.stream_version, e.event_id::text AS event_id, e.type, e.data, e.metadata, e.recorded_at';

/** A row as `eventColumns` selects it. */
export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date | string;
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    version: row.stream_version,
    position: row.position,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}
