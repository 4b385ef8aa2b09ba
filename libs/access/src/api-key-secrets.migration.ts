import type { SqlMigrationSet } from '@partnerships/event-store';

/**
 * Hashes of API key secrets, beside the read models and never in the log: events say who holds
 * which key; this table alone can check a presented secret. Not a projection, so a rebuild
 * leaves it alone; a store moved by export and import starts without it (issue new keys).
 */
export const apiKeySecretsMigrations: SqlMigrationSet = {
  component: 'api-key-secrets',
  migrations: [
    {
      version: 1,
      name: 'api-key-secrets',
      sql: `
CREATE TABLE IF NOT EXISTS api_key_secrets (
  key_id text PRIMARY KEY,
  secret_sha256 text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
)`,
    },
  ],
};
