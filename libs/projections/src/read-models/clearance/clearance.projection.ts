import { BLOCKER_KINDS, type BlockerKind, type Money } from '@partnerships/domain';
import type { CopyValue, DecodedEvent, SqlClient } from '@partnerships/event-store';
import { foldingProjection, type CopyingClient, type NetChange } from '../../projection';

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

/** What an event does to the obligations that block offboarding: opens one, closes one, or neither. */
type ObligationEffect =
  | { readonly opens: BlockerKind; readonly partnerId: string; readonly itemId: string; readonly amount: Money }
  | { readonly closes: BlockerKind; readonly partnerId: string; readonly itemId: string }
  | null;

function obligationEffect(event: DecodedEvent): ObligationEffect {
  switch (event.type) {
    case 'CommissionEarned':
      return { opens: 'unpaid_commission', partnerId: event.data.partnerId, itemId: event.data.commissionId, amount: event.data.commissionAmount };
    case 'InvoiceIssued':
      return { opens: 'open_invoice', partnerId: event.data.partnerId, itemId: event.data.invoiceId, amount: event.data.amount };
    case 'MdfPaidOut':
      return { opens: 'mdf_without_deliverable', partnerId: event.data.partnerId, itemId: event.data.mdfId, amount: event.data.amount };
    case 'CommissionPaidOut':
    case 'CommissionReversed':
      return { closes: 'unpaid_commission', partnerId: event.data.partnerId, itemId: event.data.commissionId };
    case 'InvoiceSettled':
      return { closes: 'open_invoice', partnerId: event.data.partnerId, itemId: event.data.invoiceId };
    case 'MdfDeliverableReceived':
      return { closes: 'mdf_without_deliverable', partnerId: event.data.partnerId, itemId: event.data.mdfId };
    default:
      return null;
  }
}

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

/** Ids never contain NUL, so the joined key cannot clash. */
function keyOf(partnerId: string, kind: BlockerKind, itemId: string): string {
  return `${partnerId}\u0000${kind}\u0000${itemId}`;
}

/** The net effect of the events folded so far: partners seen, and per obligation key what to do with the stored row. */
interface Net {
  readonly partners: Set<string>;
  readonly changes: Map<string, PendingChange>;
}

/**
 * Folds events into their net effect, in log order. The decider never reuses an item id within a
 * partner (a repeat is a no-op or a conflict), so an insert followed by a delete of the same key
 * in one fold cancels out and never reaches the database.
 */
function foldInto({ partners, changes }: Net, events: readonly DecodedEvent[]): void {
  for (const event of events) {
    if (event.type === 'PartnerSelected') {
      partners.add(event.data.partnerId);
      continue;
    }
    const effect = obligationEffect(event);
    if (effect === null) continue;
    if ('opens' in effect) {
      const key = keyOf(effect.partnerId, effect.opens, effect.itemId);
      const pending = changes.get(key);
      if (pending?.insert) {
        // Same as the domain's map: a repeated open updates the amount and keeps its place.
        pending.insert.amount_minor = effect.amount.amountMinor;
        pending.insert.currency = effect.amount.currency;
        continue;
      }
      const row: ObligationRow = {
        partner_id: effect.partnerId,
        kind: effect.opens,
        kind_rank: blockerKindRank(effect.opens),
        item_id: effect.itemId,
        amount_minor: effect.amount.amountMinor,
        currency: effect.amount.currency,
        position: event.position,
      };
      if (pending) {
        pending.insert = row;
      } else {
        changes.set(key, { deleteStored: false, insert: row });
      }
      continue;
    }
    const key = keyOf(effect.partnerId, effect.closes, effect.itemId);
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

function netChange(): NetChange {
  const net: Net = { partners: new Set(), changes: new Map() };
  return {
    add: async (_tx, events) => foldInto(net, events),
    write: (tx) => write(tx, net),
    load: (tx) => load(tx, net),
    get size() {
      return net.partners.size + net.changes.size;
    },
  };
}

/** The rows `write` would leave in empty tables: the partners, and the obligations still open. */
async function load(tx: CopyingClient, net: Net): Promise<void> {
  await tx.copyRows(CLEARANCE_PARTNERS_TABLE, ['partner_id'], [...net.partners].map((partnerId) => [partnerId]));
  const open: CopyValue[][] = [];
  for (const { insert: r } of net.changes.values()) {
    if (r) open.push([r.partner_id, r.kind, r.item_id, r.kind_rank, r.amount_minor, r.currency, r.position]);
  }
  await tx.copyRows(CLEARANCE_OBLIGATIONS_TABLE, ['partner_id', 'kind', 'item_id', 'kind_rank', 'amount_minor', 'currency', 'position'], open);
}

async function write(tx: SqlClient, net: Net): Promise<void> {
  const partners = [...net.partners];
  const { changes } = net;
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
export const clearanceProjection = foldingProjection({
  name: 'clearance',
  tables: [CLEARANCE_PARTNERS_TABLE, CLEARANCE_OBLIGATIONS_TABLE],
  setup,
  netChange,
});
