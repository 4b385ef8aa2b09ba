import { migrate, type SqlClient } from '@partnerships/event-store';
import { SecretCipher } from './secret-cipher';
import { webhookSecretsMigrations } from './webhook-secrets.migration';

/** Endpoint secrets, encrypted at rest (see SecretCipher): kept, rotated, and read back to sign. */
export class WebhookSecretVault {
  private readonly cipher: SecretCipher;

  constructor(
    private readonly client: SqlClient,
    masterKey: Buffer,
  ) {
    this.cipher = new SecretCipher(masterKey);
  }

  async setup(): Promise<void> {
    await migrate(this.client, webhookSecretsMigrations);
  }

  /** The first secret of an endpoint, kept before its registration is appended (a failed append leaves a secret nobody uses). */
  async keep(webhookId: string, secret: string): Promise<void> {
    await this.client.query('INSERT INTO webhook_secrets (webhook_id, ciphertext) VALUES ($1, $2)', [webhookId, this.cipher.seal(secret, webhookId)]);
  }

  /** The new secret signs from now on; the ones it replaces sign beside it until `previousExpiresAt`. */
  async rotate(webhookId: string, secret: string, previousExpiresAt: Date): Promise<void> {
    await this.client.transaction(async (tx) => {
      await tx.query('UPDATE webhook_secrets SET expires_at = $2::timestamptz WHERE webhook_id = $1 AND (expires_at IS NULL OR expires_at > $2::timestamptz)', [webhookId, previousExpiresAt.toISOString()]);
      await tx.query('INSERT INTO webhook_secrets (webhook_id, ciphertext) VALUES ($1, $2)', [webhookId, this.cipher.seal(secret, webhookId)]);
    });
  }

  /** Every secret that signs at `now`, newest first. */
  async signingSecrets(webhookId: string, now: Date = new Date()): Promise<string[]> {
    const { rows } = await this.client.query<{ ciphertext: string; expiring: boolean }>(
      'SELECT ciphertext, expires_at IS NOT NULL AS expiring FROM webhook_secrets WHERE webhook_id = $1 AND (expires_at IS NULL OR expires_at > $2::timestamptz) ORDER BY secret_id DESC',
      [webhookId, now.toISOString()],
    );
    const secrets: string[] = [];
    for (const row of rows) {
      try {
        secrets.push(this.cipher.open(row.ciphertext, webhookId));
      } catch (error) {
        // A secret on its way out that this key cannot open (the master key was replaced, then the
        // endpoint rotated): the current one signs alone. The current one must open.
        if (!row.expiring) throw error;
      }
    }
    return secrets;
  }

  /** A deleted endpoint's secrets are of no further use. */
  async forget(webhookId: string): Promise<void> {
    await this.client.query('DELETE FROM webhook_secrets WHERE webhook_id = $1', [webhookId]);
  }
}
