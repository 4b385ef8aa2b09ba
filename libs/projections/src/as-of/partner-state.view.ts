import type { Commission, Invoice, Lead, MdfPayment, OffboardingOverride, PartnershipRecord, PartnershipState, PartnershipStatus } from '@partnerships/domain';

/** The record's persistent maps, which a view gives as arrays; the open obligations are the clearance's. */
type MapMembers = 'leads' | 'commissions' | 'invoices' | 'mdf' | 'openObligations';

/** Derived from the domain's record, so that a member added there shows here too. */
export type ExistingPartnerStateView = Omit<PartnershipRecord, MapMembers> & {
  readonly status: PartnershipStatus;
  /** In the order they were first recorded. */
  readonly leads: readonly Lead[];
  readonly commissions: readonly Commission[];
  readonly invoices: readonly Invoice[];
  readonly mdf: readonly MdfPayment[];
  /** Set once offboarded. */
  readonly offboarding: { readonly reason: string; readonly override: OffboardingOverride | null } | null;
};

/** The decider's state as plain JSON: persistent maps become arrays in creation order. */
export type PartnerStateView = { readonly status: 'none' } | ExistingPartnerStateView;

export function partnerStateView(state: PartnershipState): PartnerStateView {
  if (state.status === 'none') return { status: 'none' };
  const { leads, commissions, invoices, mdf, openObligations: _open, ...record } = state;
  return {
    ...record,
    leads: leads.values(),
    commissions: commissions.values(),
    invoices: invoices.values(),
    mdf: mdf.values(),
    offboarding: state.status === 'offboarded' ? state.offboarding : null,
  };
}
