import type { BlockerKind, Clearance } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { CLEARANCE_OBLIGATIONS_TABLE, CLEARANCE_PARTNERS_TABLE } from './clearance.projection';

interface ClearanceRow {
  readonly kind: BlockerKind | null;
  readonly item_id: string | null;
  readonly amount_minor: string | null;
  readonly currency: string | null;
}

/**
 * A partner's clearance as the projection has it, blockers in `computeClearance`'s order (by kind,
 * then by creation); null when the projection has not seen the partner selected.
 */
export async function readClearance(client: SqlClient, partnerId: string): Promise<Clearance | null> {
  // One round trip: the partner row, left-joined to its open obligations.
  const { rows } = await client.query<ClearanceRow>(
    `SELECT o.kind, o.item_id, o.amount_minor::text AS amount_minor, o.currency
     FROM ${CLEARANCE_PARTNERS_TABLE} AS p
     LEFT JOIN ${CLEARANCE_OBLIGATIONS_TABLE} AS o ON o.partner_id = p.partner_id
     WHERE p.partner_id = $1
     ORDER BY o.kind_rank, o.position`,
    [partnerId],
  );
  if (rows.length === 0) {
    return null;
  }
  const blockers = rows
    .filter((row) => row.kind !== null)
    .map((row) => ({
      kind: row.kind as BlockerKind,
      id: row.item_id as string,
      amount: { amountMinor: Number(row.amount_minor), currency: row.currency as string },
    }));
  return { cleared: blockers.length === 0, blockers };
}
