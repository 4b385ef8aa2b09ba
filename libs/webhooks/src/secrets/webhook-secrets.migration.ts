import type { SqlMigrationSet } from '@partnerships/event-store';

/** Endpoint secrets, encrypted; beside the log in the read-model database, never in an event. */
export const webhookSecretsMigrations: SqlMigrationSet = {
  component: 'webhook-secrets',
  migrations: [
    {
      version: 1,
      name: 'webhook-secrets',
      // expires_at: null for the current secret; set by a rotation on the one it replaces.
      sql: `
CREATE TABLE IF NOT EXISTS webhook_secrets (
  secret_id bigserial PRIMARY KEY,
  webhook_id text NOT NULL,
  ciphertext text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz
);
CREATE INDEX IF NOT EXISTS webhook_secrets_by_endpoint ON webhook_secrets (webhook_id, secret_id)`,
    },
  ],
};
