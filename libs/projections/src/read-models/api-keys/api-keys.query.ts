import type { SqlClient } from '@partnerships/event-store';
import { MANAGER_CONTACT_TEAMMATES_TABLE } from '../manager-contact/manager-contact.projection';
import { API_KEYS_TABLE } from './api-keys.projection';

export type ApiKeyStatus = 'active' | 'revoked' | 'expired';

/** A key as `GET /v1/api-keys` lists it: never its secret. */
export interface ApiKeyListing {
  readonly keyId: string;
  readonly name: string;
  readonly teammateId: string | null;
  readonly partnerId: string | null;
  /** A teammate key acts with its teammate's current role; a partner key as `partner`. */
  readonly role: string;
  readonly status: ApiKeyStatus;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  readonly revokedBy: string | null;
}

interface ApiKeyRow {
  readonly key_id: string;
  readonly name: string;
  readonly teammate_id: string | null;
  readonly partner_id: string | null;
  readonly role: string;
  readonly removed: boolean | null;
  readonly issued_at: Date | string;
  readonly issued_by: string;
  readonly expires_at: Date | string | null;
  readonly revoked_at: Date | string | null;
  readonly revoked_by: string | null;
}

const iso = (value: Date | string | null): string | null => (value === null ? null : new Date(value).toISOString());

/** Newest first; `partnerId` narrows to one partner's keys. */
export async function listApiKeys(client: SqlClient, filter: { readonly partnerId?: string } = {}, now = new Date()): Promise<ApiKeyListing[]> {
  const { rows } = await client.query<ApiKeyRow>(
    `SELECT k.key_id, k.name, k.teammate_id, k.partner_id, coalesce(t.role, k.role_at_issue) AS role, t.removed,
            k.issued_at, k.issued_by, k.expires_at, k.revoked_at, k.revoked_by
     FROM ${API_KEYS_TABLE} AS k
     LEFT JOIN ${MANAGER_CONTACT_TEAMMATES_TABLE} AS t ON t.teammate_id = k.teammate_id
     WHERE $1::text IS NULL OR k.partner_id = $1
     ORDER BY k.issued_at DESC, k.key_id`,
    [filter.partnerId ?? null],
  );
  return rows.map((row) => {
    const expiresAt = iso(row.expires_at);
    const revoked = row.revoked_at !== null || row.removed === true;
    return {
      keyId: row.key_id,
      name: row.name,
      teammateId: row.teammate_id,
      partnerId: row.partner_id,
      role: row.role,
      status: revoked ? 'revoked' : expiresAt !== null && Date.parse(expiresAt) <= now.getTime() ? 'expired' : 'active',
      createdAt: iso(row.issued_at) as string,
      createdBy: row.issued_by,
      expiresAt,
      revokedAt: iso(row.revoked_at),
      revokedBy: row.revoked_by,
    };
  });
}
