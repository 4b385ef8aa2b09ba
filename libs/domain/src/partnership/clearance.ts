import type { Money } from '../shared/money';
import { roleAtLeast, type TeammateRole } from '../teammate/teammate-role';
import type { PartnershipState } from './partnership.state';

/** Who may offboard a partner past its blockers: an admin or an owner. */
export function mayOverrideClearance(role: TeammateRole): boolean {
  return roleAtLeast(role, 'admin');
}

/** In the order blockers are listed. */
export const BLOCKER_KINDS = ['unpaid_commission', 'open_invoice', 'mdf_without_deliverable'] as const;

export type BlockerKind = (typeof BLOCKER_KINDS)[number];

export interface ClearanceBlocker {
  readonly kind: BlockerKind;
  readonly id: string;
  readonly amount: Money;
}

export interface Clearance {
  readonly cleared: boolean;
  readonly blockers: ClearanceBlocker[];
}

const KIND_RANK: Readonly<Record<BlockerKind, number>> = {
  unpaid_commission: 0,
  open_invoice: 1,
  mdf_without_deliverable: 2,
};

/** Ids never contain ':', so one map can hold every kind without clashes. */
export function obligationKey(kind: BlockerKind, id: string): string {
  return `${kind}:${id}`;
}

/**
 * Whether the partner may be offboarded without an override: no earned commission neither paid
 * nor reversed, no unsettled invoice, no MDF paid out without its deliverable. Blockers come by
 * kind, then in the order the items were created. The offboard command and the clearance
 * projection both call this, so they cannot disagree.
 */
export function computeClearance(state: PartnershipState): Clearance {
  if (state.status === 'none') {
    return { cleared: true, blockers: [] };
  }
  // values() is in creation order and Array.prototype.sort is stable.
  const blockers = state.openObligations.values().sort((a, b) => KIND_RANK[a.kind] - KIND_RANK[b.kind]);
  return { cleared: blockers.length === 0, blockers };
}
