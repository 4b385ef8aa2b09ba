import type { DecodedEvent, SqlClient } from '@partnerships/event-store';
import type { Projection } from '../../projection';
import { occurredAt } from '../event-fields';

/** Every API key ever issued, without secrets: who holds it, who issued and revoked it, when. */
export const API_KEYS_TABLE = 'api_keys';

async function setup(tx: SqlClient): Promise<void> {
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${API_KEYS_TABLE} (
      key_id text PRIMARY KEY,
      name text NOT NULL,
      teammate_id text,
      partner_id text,
      role_at_issue text NOT NULL,
      issued_at timestamptz NOT NULL,
      issued_by text NOT NULL,
      expires_at timestamptz,
      revoked_at timestamptz,
      revoked_by text,
      revoke_reason text
    );
    CREATE INDEX IF NOT EXISTS api_keys_partner_idx ON ${API_KEYS_TABLE} (partner_id) WHERE partner_id IS NOT NULL;
  `);
}

/** Keys are issued a few at a time: one statement per key event is plenty. */
async function apply(tx: SqlClient, events: readonly DecodedEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'ApiKeyIssued':
        await tx.query(
          `INSERT INTO ${API_KEYS_TABLE} (key_id, name, teammate_id, partner_id, role_at_issue, issued_at, issued_by, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
           ON CONFLICT (key_id) DO NOTHING`,
          [
            event.data.keyId,
            event.data.name,
            event.data.teammateId,
            event.data.partnerId,
            event.data.role,
            occurredAt(event),
            event.metadata.actor,
            event.data.expiresAt,
          ],
        );
        break;
      case 'ApiKeyRevoked':
        await tx.query(
          `UPDATE ${API_KEYS_TABLE} SET revoked_at = $2, revoked_by = $3, revoke_reason = $4 WHERE key_id = $1 AND revoked_at IS NULL`,
          [event.data.keyId, occurredAt(event), event.metadata.actor, event.data.reason],
        );
        break;
      default:
        break;
    }
  }
}

/** Read with `listApiKeys`. */
export const apiKeysProjection: Projection = {
  name: 'api-keys',
  tables: [API_KEYS_TABLE],
  setup,
  apply,
};
