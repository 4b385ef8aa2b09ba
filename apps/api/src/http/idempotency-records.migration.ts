import type { SqlMigrationSet } from '@partnerships/event-store';

/**
 * The table behind `Idempotency-Key`, in the read-model database. The SQL event store's first
 * migration creates it too (it predates this set), hence IF NOT EXISTS; with EventStoreDB as the
 * log, this set is what creates it.
 */
export const idempotencyRecordsMigrations: SqlMigrationSet = {
  component: 'http-idempotency',
  migrations: [
    {
      version: 1,
      name: 'idempotency-records',
      sql: `
CREATE TABLE IF NOT EXISTS idempotency_records (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`,
    },
  ],
};
