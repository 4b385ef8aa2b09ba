import type { EventStore, LogPosition, SqlClient } from '@partnerships/event-store';

/** How many events of the log lie after `position` (the lag of a projection standing there). */
export type LogLagCounter = (position: LogPosition | null) => Promise<number>;

/**
 * Counts in the SQL event store's `events` table. Positions are not dense (they carry the
 * transaction id), so a difference of positions would not be a number of events.
 */
export function sqlLogLagCounter(eventStoreClient: SqlClient): LogLagCounter {
  return async (position) => {
    const { rows } = await eventStoreClient.query<{ lag: number | string }>(
      'SELECT count(*)::int AS lag FROM events WHERE position > $1::bigint',
      [position ?? '-1'],
    );
    return Number(rows[0]?.lag ?? 0);
  };
}

/**
 * Any store: reads the log after `position`, at most `cap` events (the figure is then a lower
 * bound), so a status request never reads a huge log.
 */
export function readingLogLagCounter(store: EventStore, cap = 10_000): LogLagCounter {
  return async (position) => (await store.readAll({ after: position, limit: cap })).length;
}
