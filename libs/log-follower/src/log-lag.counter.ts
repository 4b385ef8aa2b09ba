import { compareLogPositions, type EventStore, type LogPosition, type SqlClient } from '@partnerships/event-store';

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
 * Any store (EventStoreDB has no table to count in): 0 when the head is not past `position` (one
 * cheap read, the usual case), else the events after it read up to `cap` (the figure is then a
 * lower bound), so a status request never reads a long tail of the log.
 */
export function readingLogLagCounter(store: EventStore, cap = 1_000): LogLagCounter {
  return async (position) => {
    if (compareLogPositions(await store.headPosition(), position) <= 0) return 0;
    return (await store.readAll({ after: position, limit: cap })).length;
  };
}

/** The SQL count when the log is in a SQL database (`logClient`), else reading the store (EventStoreDB). */
export function logLagCounterFor(store: EventStore, logClient: SqlClient | null): LogLagCounter {
  return logClient === null ? readingLogLagCounter(store) : sqlLogLagCounter(logClient);
}
