import type { CopyValue, DecodedEvent, SqlClient } from '@partnerships/event-store';
import { foldingProjection, type CopyingClient, type NetChange } from '../../projection';

/*
 * Partner's view of its manager: a row per partner naming its current manager (null while
 * unassigned) and a row per teammate with the contact details and role. The query joins the two,
 * so a teammate's later changes show in every partner it manages without touching their rows.
 */

export const MANAGER_CONTACT_PARTNERS_TABLE = 'manager_contact_partners';
export const MANAGER_CONTACT_TEAMMATES_TABLE = 'manager_contact_teammates';

interface PartnerRow {
  readonly partner_id: string;
  manager_id: string | null;
}

interface TeammateRow {
  readonly teammate_id: string;
  name: string;
  email: string;
  role: string;
  removed: boolean;
}

/**
 * What one batch does to one key. `created`: the batch holds the event that creates the row, so
 * the whole row is written (upsert); otherwise only the changed column of the stored row is.
 */
interface PendingPartner {
  readonly created: boolean;
  readonly row: PartnerRow;
}

type PendingTeammate =
  | { readonly created: true; readonly row: TeammateRow }
  | { readonly created: false; readonly row: { readonly teammate_id: string; role: string | null; removed: boolean | null } };

interface Net {
  readonly partners: Map<string, PendingPartner>;
  readonly teammates: Map<string, PendingTeammate>;
}

/** Folds events into their net effect per key, in log order: the last write of each column wins. */
function foldInto({ partners, teammates }: Net, events: readonly DecodedEvent[]): void {
  for (const event of events) {
    switch (event.type) {
      case 'PartnerSelected': {
        const partnerId = event.data.partnerId;
        partners.set(partnerId, { created: true, row: { partner_id: partnerId, manager_id: null } });
        break;
      }
      case 'PartnerManagerReassigned': {
        const partnerId = event.data.partnerId;
        const managerId = event.data.managerId;
        const pending = partners.get(partnerId);
        if (pending) {
          pending.row.manager_id = managerId;
        } else {
          partners.set(partnerId, { created: false, row: { partner_id: partnerId, manager_id: managerId } });
        }
        break;
      }
      case 'TeammateAdded': {
        const teammateId = event.data.teammateId;
        teammates.set(teammateId, {
          created: true,
          row: {
            teammate_id: teammateId,
            name: event.data.name,
            email: event.data.email,
            role: event.data.role,
            removed: false,
          },
        });
        break;
      }
      case 'TeammateRoleChanged': {
        const teammateId = event.data.teammateId;
        const role = event.data.role;
        const pending = teammates.get(teammateId);
        if (pending) {
          pending.row.role = role;
        } else {
          // Only the role is known here: name and email stay as stored.
          teammates.set(teammateId, { created: false, row: { teammate_id: teammateId, role, removed: null } });
        }
        break;
      }
      case 'TeammateRemoved': {
        const teammateId = event.data.teammateId;
        const pending = teammates.get(teammateId);
        if (pending) {
          pending.row.removed = true;
        } else {
          teammates.set(teammateId, { created: false, row: { teammate_id: teammateId, role: null, removed: true } });
        }
        break;
      }
      default:
        break;
    }
  }
}

async function setup(tx: SqlClient): Promise<void> {
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${MANAGER_CONTACT_PARTNERS_TABLE} (
      partner_id text PRIMARY KEY,
      manager_id text
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_CONTACT_TEAMMATES_TABLE} (
      teammate_id text PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL,
      role text NOT NULL
    );
    ALTER TABLE ${MANAGER_CONTACT_TEAMMATES_TABLE} ADD COLUMN IF NOT EXISTS removed boolean NOT NULL DEFAULT false;
  `);
}

function netChange(): NetChange {
  const net: Net = { partners: new Map(), teammates: new Map() };
  return {
    add: async (_tx, events) => foldInto(net, events),
    write: (tx) => write(tx, net),
    load: (tx) => load(tx, net),
    get size() {
      return net.partners.size + net.teammates.size;
    },
  };
}

/** The rows `write` would leave in empty tables: the partners and teammates created in the fold. */
async function load(tx: CopyingClient, { partners, teammates }: Net): Promise<void> {
  const partnerRows: CopyValue[][] = [];
  for (const { created, row } of partners.values()) {
    if (created) partnerRows.push([row.partner_id, row.manager_id]);
  }
  await tx.copyRows(MANAGER_CONTACT_PARTNERS_TABLE, ['partner_id', 'manager_id'], partnerRows);
  const teammateRows: CopyValue[][] = [];
  for (const pending of teammates.values()) {
    if (pending.created) {
      const { teammate_id, name, email, role, removed } = pending.row;
      teammateRows.push([teammate_id, name, email, role, removed]);
    }
  }
  await tx.copyRows(MANAGER_CONTACT_TEAMMATES_TABLE, ['teammate_id', 'name', 'email', 'role', 'removed'], teammateRows);
}

async function write(tx: SqlClient, { partners, teammates }: Net): Promise<void> {
  const createdPartners: PartnerRow[] = [];
  const reassignedPartners: PartnerRow[] = [];
  for (const { created, row } of partners.values()) {
    (created ? createdPartners : reassignedPartners).push(row);
  }
  if (createdPartners.length > 0) {
    await tx.query(
      `INSERT INTO ${MANAGER_CONTACT_PARTNERS_TABLE} (partner_id, manager_id)
       SELECT partner_id, manager_id FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, manager_id text)
       ON CONFLICT (partner_id) DO UPDATE SET manager_id = excluded.manager_id`,
      [JSON.stringify(createdPartners)],
    );
  }
  if (reassignedPartners.length > 0) {
    await tx.query(
      `UPDATE ${MANAGER_CONTACT_PARTNERS_TABLE} AS p SET manager_id = r.manager_id
       FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, manager_id text)
       WHERE p.partner_id = r.partner_id`,
      [JSON.stringify(reassignedPartners)],
    );
  }

  const addedTeammates: TeammateRow[] = [];
  const changes: { teammate_id: string; role: string | null; removed: boolean | null }[] = [];
  for (const pending of teammates.values()) {
    if (pending.created) {
      addedTeammates.push(pending.row);
    } else {
      changes.push(pending.row);
    }
  }
  if (addedTeammates.length > 0) {
    await tx.query(
      `INSERT INTO ${MANAGER_CONTACT_TEAMMATES_TABLE} (teammate_id, name, email, role, removed)
       SELECT teammate_id, name, email, role, removed
       FROM jsonb_to_recordset($1::jsonb) AS r(teammate_id text, name text, email text, role text, removed boolean)
       ON CONFLICT (teammate_id) DO UPDATE SET name = excluded.name, email = excluded.email, role = excluded.role, removed = excluded.removed`,
      [JSON.stringify(addedTeammates)],
    );
  }
  if (changes.length > 0) {
    await tx.query(
      `UPDATE ${MANAGER_CONTACT_TEAMMATES_TABLE} AS t SET role = coalesce(r.role, t.role), removed = coalesce(r.removed, t.removed)
       FROM jsonb_to_recordset($1::jsonb) AS r(teammate_id text, role text, removed boolean)
       WHERE t.teammate_id = r.teammate_id`,
      [JSON.stringify(changes)],
    );
  }
}

/** Per partner: its current manager's contact; per teammate: name, email, role, removed. Read with `readManagerContact`, `listTeammates`. */
export const managerContactProjection = foldingProjection({
  name: 'manager-contact',
  tables: [MANAGER_CONTACT_PARTNERS_TABLE, MANAGER_CONTACT_TEAMMATES_TABLE],
  setup,
  netChange,
});
