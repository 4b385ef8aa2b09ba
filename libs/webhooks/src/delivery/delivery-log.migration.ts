import type { SqlMigrationSet } from '@partnerships/event-store';

/** Where each endpoint stands in the log, who serves it, and every delivery with the history of its attempts. */
export const webhookDeliveryMigrations: SqlMigrationSet = {
  component: 'webhook-deliveries',
  migrations: [
    {
      version: 1,
      name: 'webhook-deliveries',
      sql: `
CREATE TABLE IF NOT EXISTS webhook_cursors (
  webhook_id text PRIMARY KEY,
  position numeric(39, 0),
  resumed_position numeric(39, 0),
  lease_owner text,
  lease_until timestamptz,
  -- Counts replays: a worker serving the endpoint starts again from the stored cursor when it changes.
  replays integer NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  delivery_id bigserial PRIMARY KEY,
  webhook_id text NOT NULL,
  event_id text NOT NULL,
  event_type text NOT NULL,
  position numeric(39, 0) NOT NULL,
  ordering_key text NOT NULL,
  recorded_at timestamptz NOT NULL,
  body text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  first_attempt_at timestamptz,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  -- Every attempt: when, the answer's status, latency and first bytes, or why none came.
  attempt_log jsonb NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_pending ON webhook_deliveries (webhook_id, ordering_key, delivery_id) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_endpoint ON webhook_deliveries (webhook_id, delivery_id);
-- The oldest waiting deliveries of an endpoint: where the search for due heads looks first.
CREATE INDEX IF NOT EXISTS webhook_deliveries_queue ON webhook_deliveries (webhook_id, delivery_id) WHERE status = 'pending';`,
    },
  ],
};
