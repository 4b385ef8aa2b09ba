import type { DomainEvent } from '../shared/event';
import type { Money } from '../shared/money';
import type { Clearance } from './clearance';
import type { PartnerType } from './partner-type';

/** Who forced an offboarding past its blockers, and why. */
export interface OffboardingOverride {
  readonly byTeammateId: string;
  readonly reason: string;
}

export type PartnerSelected = DomainEvent<
  'PartnerSelected',
  {
    readonly partnerId: string;
    readonly name: string;
    readonly contactName: string | null;
    readonly contactEmail: string;
    readonly type: PartnerType;
    readonly tier: string;
    readonly reason: string | null;
  }
>;

export type PartnerOnboarded = DomainEvent<
  'PartnerOnboarded',
  { readonly partnerId: string; readonly notes: string | null }
>;

export type PartnerEnabled = DomainEvent<
  'PartnerEnabled',
  { readonly partnerId: string; readonly notes: string | null }
>;

export type PartnerOffboarded = DomainEvent<
  'PartnerOffboarded',
  {
    readonly partnerId: string;
    readonly reason: string;
    /** The clearance at the moment of offboarding, blockers included when forced. */
    readonly clearance: Clearance;
    /** Set only when the override was needed, i.e. the clearance had blockers. */
    readonly override: OffboardingOverride | null;
  }
>;

export type PartnerManagerReassigned = DomainEvent<
  'PartnerManagerReassigned',
  {
    readonly partnerId: string;
    readonly managerId: string;
    /** Null on the first assignment. */
    readonly previousManagerId: string | null;
  }
>;

export type LeadReferred = DomainEvent<
  'LeadReferred',
  {
    readonly partnerId: string;
    readonly leadId: string;
    readonly customerName: string;
    readonly customerEmail: string | null;
    readonly estimatedValue: Money | null;
  }
>;

export type CommissionEarned = DomainEvent<
  'CommissionEarned',
  {
    readonly partnerId: string;
    readonly commissionId: string;
    readonly customerId: string;
    readonly saleAmount: Money;
    readonly commissionAmount: Money;
    readonly leadId: string | null;
  }
>;

export type CommissionPaidOut = DomainEvent<
  'CommissionPaidOut',
  { readonly partnerId: string; readonly commissionId: string; readonly amount: Money }
>;

/** Carries the sale and customer so that revenue projections can undo the sale without a lookup. */
export type CommissionReversed = DomainEvent<
  'CommissionReversed',
  {
    readonly partnerId: string;
    readonly commissionId: string;
    readonly amount: Money;
    readonly saleAmount: Money;
    readonly customerId: string;
    readonly reason: string;
  }
>;

export type InvoiceIssued = DomainEvent<
  'InvoiceIssued',
  {
    readonly partnerId: string;
    readonly invoiceId: string;
    readonly amount: Money;
    /** ISO 8601 date or date-time, as given. */
    readonly dueAt: string | null;
  }
>;

export type InvoiceSettled = DomainEvent<
  'InvoiceSettled',
  { readonly partnerId: string; readonly invoiceId: string; readonly amount: Money }
>;

export type MdfPaidOut = DomainEvent<
  'MdfPaidOut',
  { readonly partnerId: string; readonly mdfId: string; readonly amount: Money; readonly purpose: string }
>;

export type MdfDeliverableReceived = DomainEvent<
  'MdfDeliverableReceived',
  { readonly partnerId: string; readonly mdfId: string; readonly description: string; readonly url: string | null }
>;

export type PartnerTierChanged = DomainEvent<
  'PartnerTierChanged',
  { readonly partnerId: string; readonly tier: string; readonly previousTier: string }
>;

export type PartnershipEvent =
  | PartnerSelected
  | PartnerOnboarded
  | PartnerEnabled
  | PartnerOffboarded
  | PartnerManagerReassigned
  | LeadReferred
  | CommissionEarned
  | CommissionPaidOut
  | CommissionReversed
  | InvoiceIssued
  | InvoiceSettled
  | MdfPaidOut
  | MdfDeliverableReceived
  | PartnerTierChanged;

export type PartnershipEventType = PartnershipEvent['type'];

/** Keyed by every member of the union, so the compiler refuses a list that misses a type. */
const partnershipEventTypes: Readonly<Record<PartnershipEventType, true>> = {
  PartnerSelected: true,
  PartnerOnboarded: true,
  PartnerEnabled: true,
  PartnerOffboarded: true,
  PartnerManagerReassigned: true,
  LeadReferred: true,
  CommissionEarned: true,
  CommissionPaidOut: true,
  CommissionReversed: true,
  InvoiceIssued: true,
  InvoiceSettled: true,
  MdfPaidOut: true,
  MdfDeliverableReceived: true,
  PartnerTierChanged: true,
};

export const PARTNERSHIP_EVENT_TYPES = Object.keys(partnershipEventTypes) as readonly PartnershipEventType[];
