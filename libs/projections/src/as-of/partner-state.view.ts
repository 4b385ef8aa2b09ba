import type {
  Commission,
  Invoice,
  Lead,
  MdfPayment,
  OffboardingOverride,
  PartnershipState,
  PartnershipStatus,
  PartnerType,
} from '@partnerships/domain';

export interface ExistingPartnerStateView {
  readonly status: PartnershipStatus;
  readonly partnerId: string;
  readonly name: string;
  readonly contactName: string | null;
  readonly contactEmail: string;
  readonly type: PartnerType;
  readonly tier: string;
  readonly selectionReason: string | null;
  readonly managerId: string | null;
  /** In the order they were first recorded. */
  readonly leads: readonly Lead[];
  readonly commissions: readonly Commission[];
  readonly invoices: readonly Invoice[];
  readonly mdf: readonly MdfPayment[];
  /** Set once offboarded. */
  readonly offboarding: { readonly reason: string; readonly override: OffboardingOverride | null } | null;
}

/** The decider's state as plain JSON: persistent maps become arrays in creation order. */
export type PartnerStateView = { readonly status: 'none' } | ExistingPartnerStateView;

export function partnerStateView(state: PartnershipState): PartnerStateView {
  if (state.status === 'none') return { status: 'none' };
  return {
    status: state.status,
    partnerId: state.partnerId,
    name: state.name,
    contactName: state.contactName,
    contactEmail: state.contactEmail,
    type: state.type,
    tier: state.tier,
    selectionReason: state.selectionReason,
    managerId: state.managerId,
    leads: state.leads.values(),
    commissions: state.commissions.values(),
    invoices: state.invoices.values(),
    mdf: state.mdf.values(),
    offboarding: state.status === 'offboarded' ? state.offboarding : null,
  };
}
