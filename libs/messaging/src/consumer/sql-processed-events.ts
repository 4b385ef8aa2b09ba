import { migrate, type SqlClient } from '@partnerships/event-store';
import type { ProcessedEventStore } from './processed-event-store';
import { PROCESSED_EVENTS_TABLE, processedEventsMigrations } from './processed-events.migration';

/**
 * The dedup marks in table `processed_events` of a PostgreSQL or PGlite database, usually the one
 * that holds the consumer's own read model, so that the handler's writes and the marks commit
 * together.
 */
export class SqlProcessedEvents implements ProcessedEventStore<SqlClient> {
  constructor(private readonly client: SqlClient) {}

  async prepare(): Promise<void> {
    await migrate(this.client, processedEventsMigrations);
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.client.transaction(fn);
  }

  /**
   * One statement per batch. A concurrent transaction inserting the same mark makes this one wait
   * for it, then see the conflict: of two consumers of the same event, exactly one handles it.
   */
  async markProcessed(tx: SqlClient, consumer: string, eventIds: readonly string[]): Promise<ReadonlySet<string>> {
    if (eventIds.length === 0) return new Set();
    const { rows } = await tx.query<{ event_id: string }>(
      `INSERT INTO ${PROCESSED_EVENTS_TABLE} (consumer, event_id)
       SELECT $1, id FROM unnest($2::text[]) AS id
       ON CONFLICT (consumer, event_id) DO NOTHING
       RETURNING event_id`,
      [consumer, eventIds],
    );
    return new Set(rows.map((row) => row.event_id));
  }

  /**
   * Forgets the marks of `consumer` older than `before`, to bound the table. Safe only for events
   * that can no longer be redelivered: older than the committed offsets and than the relay's
   * window of republishing (a relay restart republishes at most its last page).
   */
  async forgetProcessedBefore(consumer: string, before: Date): Promise<number> {
    const { rows } = await this.client.query<{ forgotten: number }>(
      `WITH forgotten AS (
         DELETE FROM ${PROCESSED_EVENTS_TABLE} WHERE consumer = $1 AND processed_at < $2 RETURNING 1
       )
       SELECT count(*)::int AS forgotten FROM forgotten`,
      [consumer, before.toISOString()],
    );
    return rows[0]?.forgotten ?? 0;
  }
}
