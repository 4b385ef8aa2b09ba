import type { SqlClient } from '@partnerships/event-store';
import { MANAGER_CONTACT_PARTNERS_TABLE, MANAGER_CONTACT_TEAMMATES_TABLE } from './manager-contact.projection';

export interface ManagerContact {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface PartnerManagerContact {
  readonly partnerId: string;
  /** Null while no manager is assigned. */
  readonly manager: ManagerContact | null;
}

export interface TeammateListing {
  readonly teammateId: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  /** `removed`: left the company; still named as the manager of partners not reassigned since. */
  readonly status: 'active' | 'removed';
}

interface ManagerContactRow {
  readonly partner_id: string;
  readonly teammate_id: string | null;
  readonly name: string | null;
  readonly email: string | null;
}

interface TeammateRow {
  readonly teammate_id: string;
  readonly name: string;
  readonly email: string;
  readonly role: string;
  readonly removed: boolean;
}

/**
 * A partner's manager as the projection has it: null when the projection has not seen the partner
 * selected; `manager: null` while unassigned. The decider only assigns existing teammates, whose
 * TeammateAdded precedes the assignment in the log, so the join always finds an assigned manager.
 */
export async function readManagerContact(client: SqlClient, partnerId: string): Promise<PartnerManagerContact | null> {
  const { rows } = await client.query<ManagerContactRow>(
    `SELECT p.partner_id, t.teammate_id, t.name, t.email
     FROM ${MANAGER_CONTACT_PARTNERS_TABLE} AS p
     LEFT JOIN ${MANAGER_CONTACT_TEAMMATES_TABLE} AS t ON t.teammate_id = p.manager_id
     WHERE p.partner_id = $1`,
    [partnerId],
  );
  if (rows.length === 0) {
    return null;
  }
  const [row] = rows;
  return {
    partnerId: row.partner_id,
    manager:
      row.teammate_id === null ? null : { id: row.teammate_id, name: row.name as string, email: row.email as string },
  };
}

/** Every teammate, by id in byte order (ids are ASCII, so the same order as a JavaScript sort). */
export async function listTeammates(client: SqlClient): Promise<TeammateListing[]> {
  const { rows } = await client.query<TeammateRow>(
    `SELECT teammate_id, name, email, role, removed
     FROM ${MANAGER_CONTACT_TEAMMATES_TABLE}
     ORDER BY teammate_id COLLATE "C"`,
  );
  return rows.map((row) => ({
    teammateId: row.teammate_id,
    name: row.name,
    email: row.email,
    role: row.role,
    status: row.removed ? 'removed' : 'active',
  }));
}

/** Single sign-on: the teammates whose email is `email` (compared without case). */
export async function teammateIdsByEmail(client: SqlClient, email: string): Promise<string[]> {
  const { rows } = await client.query<{ teammate_id: string }>(
    `SELECT teammate_id FROM ${MANAGER_CONTACT_TEAMMATES_TABLE} WHERE lower(email) = lower($1) ORDER BY teammate_id COLLATE "C"`,
    [email],
  );
  return rows.map((row) => row.teammate_id);
}
