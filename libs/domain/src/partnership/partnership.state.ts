import type { Money } from '../shared/money';
import type { PersistentMap } from '../shared/persistent-map';
import type { ClearanceBlocker } from './clearance';
import type { OffboardingOverride } from './partnership.events';
import type { PartnerType } from './partner-type';

export type PartnershipStatus = 'selected' | 'onboarded' | 'enabled' | 'offboarded';

export const PARTNERSHIP_STATUSES: readonly PartnershipStatus[] = ['selected', 'onboarded', 'enabled', 'offboarded'];

export interface Lead {
  readonly leadId: string;
  readonly customerName: string;
  readonly customerEmail: string | null;
  readonly estimatedValue: Money | null;
}

export type CommissionState = 'earned' | 'paid' | 'reversed';

export interface Commission {
  readonly commissionId: string;
  readonly customerId: string;
  readonly saleAmount: Money;
  readonly commissionAmount: Money;
  readonly leadId: string | null;
  readonly state: CommissionState;
}

export type InvoiceState = 'issued' | 'settled';

export interface Invoice {
  readonly invoiceId: string;
  readonly amount: Money;
  readonly dueAt: string | null;
  readonly state: InvoiceState;
}

export type MdfState = 'awaiting_deliverable' | 'deliverable_received';

export interface MdfPayment {
  readonly mdfId: string;
  readonly amount: Money;
  readonly purpose: string;
  readonly state: MdfState;
  readonly deliverable: { readonly description: string; readonly url: string | null } | null;
}

/** What every existing partner has, whatever its status. */
export interface PartnershipRecord {
  readonly partnerId: string;
  readonly name: string;
  readonly contactName: string | null;
  readonly contactEmail: string;
  readonly type: PartnerType;
  readonly tier: string;
  readonly selectionReason: string | null;
  readonly managerId: string | null;
  readonly leads: PersistentMap<Lead>;
  readonly commissions: PersistentMap<Commission>;
  readonly invoices: PersistentMap<Invoice>;
  readonly mdf: PersistentMap<MdfPayment>;
  /**
   * Commissions, invoices and MDF still open, in creation order. Kept up to date by evolve so
   * that the clearance costs O(open items) rather than O(history) on every call.
   */
  readonly openObligations: PersistentMap<ClearanceBlocker>;
}

export interface SelectedPartnership extends PartnershipRecord {
  readonly status: 'selected';
}

export interface OnboardedPartnership extends PartnershipRecord {
  readonly status: 'onboarded';
}

export interface EnabledPartnership extends PartnershipRecord {
  readonly status: 'enabled';
}

export interface OffboardedPartnership extends PartnershipRecord {
  readonly status: 'offboarded';
  readonly offboarding: { readonly reason: string; readonly override: OffboardingOverride | null };
}

export type ExistingPartnershipState =
  | SelectedPartnership
  | OnboardedPartnership
  | EnabledPartnership
  | OffboardedPartnership;

export type PartnershipState = { readonly status: 'none' } | ExistingPartnershipState;
