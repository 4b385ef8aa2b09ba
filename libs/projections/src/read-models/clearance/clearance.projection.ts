import { BLOCKER_KINDS, type BlockerKind } from '@partnerships/domain';
import type { RecordedEvent, SqlClient } from '@partnerships/event-store';
import type { Projection } from '../../projection';
import { requireString } from '../event-fields';

/*
 * Offboarding clearance: a row per partner and a row per open financial obligation, keyed by
 * (partner, kind, item id). The query orders obligations by kind rank, then by the log position
 * of the event that opened them, which is the order `computeClearance` lists its blockers in.
 */

export const CLEARANCE_PARTNERS_TABLE = 'clearance_partners';
export const CLEARANCE_OBLIGATIONS_TABLE = 'clearance_obligations';

/** The rank stored with each obligation: its kind's index in the domain's blocker order. */
export function blockerKindRank(kind: BlockerKind): number {
  return BLOCKER_KINDS.indexOf(kind);
}

const OPENED_BY: Readonly<Record<string, { readonly kind: BlockerKind; readonly idField: string; readonly amountField: string }>> = {
  CommissionEarned: { kind: 'unpaid_commission', idField: 'commissionId', amountField: 'commissionAmount' },
  InvoiceIssued: { kind: 'open_invoice', idField: 'invoiceId', amountField: 'amount' },
  MdfPaidOut: { kind: 'mdf_without_deliverable', idField: 'mdfId', amountField: 'amount' },
};

const CLOSED_BY: Readonly<Record<string, { readonly kind: BlockerKind; readonly idField: string }>> = {
  CommissionPaidOut: { kind: 'unpaid_commission', idField: 'commissionId' },
  CommissionReversed: { kind: 'unpaid_commission', idField: 'commissionId' },
  InvoiceSettled: { kind: 'open_invoice', idField: 'invoiceId' },
  MdfDeliverableReceived: { kind: 'mdf_without_deliverable', idField: 'mdfId' },
};

interface ObligationRow {
  readonly partner_id: string;
  readonly kind: BlockerKind;
  readonly kind_rank: number;
  readonly item_id: string;
  amount_minor: number;
  currency: string;
  /** Log position of the opening event, as a decimal string. */
  readonly position: string;
}

/** What one batch does to one obligation key: optionally delete the stored row, then optionally insert. */
interface PendingChange {
  deleteStored: boolean;
  insert: ObligationRow | null;
}

function requireMoney(event: RecordedEvent, field: string): { amountMinor: number; currency: string } {
  const value = event.data[field] as { amountMinor?: unknown; currency?: unknown } | null | undefined;
  const amountMinor = value?.amountMinor;
  const currency = value?.currency;
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor) || typeof currency !== 'string') {
    throw new Error(`${event.type} ${event.eventId} has no valid ${field}`);
  }
  return { amountMinor, currency };
}

/** Ids never contain NUL, so the joined key cannot clash. */
function keyOf(partnerId: string, kind: BlockerKind, itemId: string): string {
  return `${partnerId}\u0000${kind}\u0000${itemId}`;
}

/**
 * Folds a batch into its net effect, in log order. The decider never reuses an item id within a
 * partner (a repeat is a no-op or a conflict), so an insert followed by a delete of the same key
 * in one batch cancels out and never reaches the database.
 */
function netChanges(events: readonly RecordedEvent[]): { partners: string[]; changes: Map<string, PendingChange> } {
  const partners = new Set<string>();
  const changes = new Map<string, PendingChange>();
  for (const event of events) {
    if (event.type === 'PartnerSelected') {
      partners.add(requireString(event, 'partnerId'));
      continue;
    }
    const opened = OPENED_BY[event.type];
    if (opened !== undefined) {
      const partnerId = requireString(event, 'partnerId');
      const itemId = requireString(event, opened.idField);
      const { amountMinor, currency } = requireMoney(event, opened.amountField);
      const key = keyOf(partnerId, opened.kind, itemId);
      const pending = changes.get(key);
      if (pending?.insert) {
        // Same as the domain's map: a repeated open updates the amount and keeps its place.
        pending.insert.amount_minor = amountMinor;
        pending.insert.currency = currency;
        continue;
      }
      const row: ObligationRow = {
        partner_id: partnerId,
        kind: opened.kind,
        kind_rank: blockerKindRank(opened.kind),
        item_id: itemId,
        amount_minor: amountMinor,
        currency,
        position: event.position,
      };
      if (pending) {
        pending.insert = row;
      } else {
        changes.set(key, { deleteStored: false, insert: row });
      }
      continue;
    }
    const closed = CLOSED_BY[event.type];
    if (closed !== undefined) {
      const key = keyOf(requireString(event, 'partnerId'), closed.kind, requireString(event, closed.idField));
      const pending = changes.get(key);
      if (pending === undefined) {
        changes.set(key, { deleteStored: true, insert: null });
      } else if (pending.deleteStored) {
        pending.insert = null;
      } else {
        changes.delete(key);
      }
    }
  }
  return { partners: [...partners], changes };
}

async function setup(tx: SqlClient): Promise<void> {
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${CLEARANCE_PARTNERS_TABLE} (
      partner_id text PRIMARY KEY
    );
    CREATE TABLE IF NOT EXISTS ${CLEARANCE_OBLIGATIONS_TABLE} (
      partner_id text NOT NULL,
      kind text NOT NULL,
      item_id text NOT NULL,
      kind_rank smallint NOT NULL,
      amount_minor bigint NOT NULL,
      currency text NOT NULL,
      position numeric(39, 0) NOT NULL,
      PRIMARY KEY (partner_id, kind, item_id)
    );
  `);
  // Tables made before EventStoreDB positions (up to 2^128) were bigint.
  const { rows } = await tx.query<{ data_type: string }>(
    `SELECT data_type FROM information_schema.columns
     WHERE table_schema = current_schema() AND table_name = $1 AND column_name = 'position'`,
    [CLEARANCE_OBLIGATIONS_TABLE],
  );
  if (rows[0]?.data_type === 'bigint') {
    await tx.exec(`ALTER TABLE ${CLEARANCE_OBLIGATIONS_TABLE} ALTER COLUMN position TYPE numeric(39, 0)`);
  }
}

async function apply(tx: SqlClient, events: readonly RecordedEvent[]): Promise<void> {
  const { partners, changes } = netChanges(events);
  if (partners.length > 0) {
    await tx.query(
      `INSERT INTO ${CLEARANCE_PARTNERS_TABLE} (partner_id)
       SELECT value FROM jsonb_array_elements_text($1::jsonb)
       ON CONFLICT (partner_id) DO NOTHING`,
      [JSON.stringify(partners)],
    );
  }
  const deleteKeys: { p: string; k: string; i: string }[] = [];
  const inserts: ObligationRow[] = [];
  for (const [key, change] of changes) {
    if (change.deleteStored) {
      const [p, k, i] = key.split('\u0000');
      deleteKeys.push({ p, k, i });
    }
    if (change.insert) {
      inserts.push(change.insert);
    }
  }
  if (deleteKeys.length > 0) {
    await tx.query(
      `DELETE FROM ${CLEARANCE_OBLIGATIONS_TABLE} AS o
       USING jsonb_to_recordset($1::jsonb) AS d(p text, k text, i text)
       WHERE o.partner_id = d.p AND o.kind = d.k AND o.item_id = d.i`,
      [JSON.stringify(deleteKeys)],
    );
  }
  if (inserts.length > 0) {
    await tx.query(
      `INSERT INTO ${CLEARANCE_OBLIGATIONS_TABLE} (partner_id, kind, item_id, kind_rank, amount_minor, currency, position)
       SELECT partner_id, kind, item_id, kind_rank, amount_minor, currency, position::numeric
       FROM jsonb_to_recordset($1::jsonb)
         AS r(partner_id text, kind text, item_id text, kind_rank smallint, amount_minor bigint, currency text, position text)
       ON CONFLICT (partner_id, kind, item_id)
       DO UPDATE SET amount_minor = excluded.amount_minor, currency = excluded.currency`,
      [JSON.stringify(inserts)],
    );
  }
}

/** Per partner: whether it may be offboarded, and what blocks it. Read with `readClearance`. */
export const clearanceProjection: Projection = {
  name: 'clearance',
  tables: [CLEARANCE_PARTNERS_TABLE, CLEARANCE_OBLIGATIONS_TABLE],
  setup,
  apply,
};
