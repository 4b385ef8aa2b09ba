import type { SqlMigrationSet } from '@partnerships/event-store';

export const PROCESSED_EVENTS_TABLE = 'processed_events';

/**
 * Its own component, so the table can live in any consumer's database beside its read model.
 * `event_id` is text rather than uuid: the consumer trusts `ce_id` to be unique, not to be a UUID.
 */
export const processedEventsMigrations: SqlMigrationSet = {
  component: 'processed-events',
  migrations: [
    {
      version: 1,
      name: 'processed-events',
      sql: `
CREATE TABLE IF NOT EXISTS ${PROCESSED_EVENTS_TABLE} (
  consumer text NOT NULL,
  event_id text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS ${PROCESSED_EVENTS_TABLE}_processed_at ON ${PROCESSED_EVENTS_TABLE} (consumer, processed_at)`,
    },
  ],
};
