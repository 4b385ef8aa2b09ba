import { migrate, type SqlClient } from '@partnerships/event-store';
import { hashApiKeySecret } from './api-key-secret';
import { apiKeySecretsMigrations } from './api-key-secrets.migration';

/** The hashes of API key secrets, in the SQL database of the read models. */
export class ApiKeySecretStore {
  constructor(private readonly client: SqlClient) {}

  async setup(): Promise<void> {
    await migrate(this.client, apiKeySecretsMigrations);
  }

  /**
   * Kept before the key's event is appended: a crash in between leaves a hash no event vouches
   * for, which never authenticates. A second secret for a key id keeps the first.
   */
  async keep(keyId: string, secret: string): Promise<void> {
    await this.client.query('INSERT INTO api_key_secrets (key_id, secret_sha256) VALUES ($1, $2) ON CONFLICT (key_id) DO NOTHING', [
      keyId,
      hashApiKeySecret(secret).toString('hex'),
    ]);
  }

  async hashOf(keyId: string): Promise<Buffer | null> {
    const { rows } = await this.client.query<{ secret_sha256: string }>('SELECT secret_sha256 FROM api_key_secrets WHERE key_id = $1', [keyId]);
    return rows.length === 0 ? null : Buffer.from(rows[0].secret_sha256, 'hex');
  }

  async isEmpty(): Promise<boolean> {
    const { rows } = await this.client.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM api_key_secrets) AS any');
    return !rows[0].any;
  }
}
