import type { EventMetadata, RecordedEvent } from '../event-store.port';

/**
 * Read from `events e`, and always order by `e.position`: a bare `ORDER BY position` would sort by
 * this text output column, which puts "100…" before "99…". `recorded_at` comes as the ISO text the
 * port gives (UTC, milliseconds, truncated as a JavaScript Date would): parsing a Date to print it
 * again cost a tenth of a log read.
 */
export const eventColumns =
  'e.position::text AS position, e.stream_id, e.stream_version, e.event_id::text AS event_id, e.type, e.data, e.metadata, ' +
  `to_char(e.recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;

/** A row as `eventColumns` selects it. */
export interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  /** ISO 8601 in UTC with milliseconds, as `toISOString` writes it. */
  readonly recorded_at: string;
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
    recordedAt: row.recorded_at,
  };
}
