import type { Command } from '../shared/command';
import type { Money } from '../shared/money';
import type { TeammateSnapshot } from '../teammate/teammate.state';
import type { OffboardingOverride } from './partnership.events';
import type { PartnerType } from './partner-type';

export type SelectPartner = Command<
  'SelectPartner',
  {
    readonly partnerId: string;
    readonly name: string;
    readonly contactName?: string | null;
    readonly contactEmail: string;
    readonly type: PartnerType;
    /** Defaults to `standard`. */
    readonly tier?: string | null;
    readonly reason?: string | null;
  }
>;

export type OnboardPartner = Command<'OnboardPartner', { readonly partnerId: string; readonly notes?: string | null }>;

export type EnablePartner = Command<'EnablePartner', { readonly partnerId: string; readonly notes?: string | null }>;

export type OffboardPartner = Command<
  'OffboardPartner',
  {
    readonly partnerId: string;
    readonly reason: string;
    readonly override: OffboardingOverride | null;
    /** The teammate named by `override`, looked up by the handler; null when there is none. */
    readonly overrideBy: TeammateSnapshot | null;
  }
>;

export type AssignManager = Command<
  'AssignManager',
  {
    readonly partnerId: string;
    readonly managerId: string;
    /** The teammate named by `managerId`, looked up by the handler; null when there is none. */
    readonly manager: TeammateSnapshot | null;
  }
>;

export type ReferLead = Command<
  'ReferLead',
  {
    readonly partnerId: string;
    readonly leadId: string;
    readonly customerName: string;
    readonly customerEmail?: string | null;
    readonly estimatedValue?: Money | null;
  }
>;

export type EarnCommission = Command<
  'EarnCommission',
  {
    readonly partnerId: string;
    readonly commissionId: string;
    readonly customerId: string;
    readonly saleAmount: Money;
    readonly commissionAmount: Money;
    readonly leadId?: string | null;
  }
>;

export type PayOutCommission = Command<
  'PayOutCommission',
  { readonly partnerId: string; readonly commissionId: string }
>;

export type ReverseCommission = Command<
  'ReverseCommission',
  { readonly partnerId: string; readonly commissionId: string; readonly reason: string }
>;

export type IssueInvoice = Command<
  'IssueInvoice',
  { readonly partnerId: string; readonly invoiceId: string; readonly amount: Money; readonly dueAt?: string | null }
>;

export type SettleInvoice = Command<'SettleInvoice', { readonly partnerId: string; readonly invoiceId: string }>;

export type PayOutMdf = Command<
  'PayOutMdf',
  { readonly partnerId: string; readonly mdfId: string; readonly amount: Money; readonly purpose: string }
>;

export type RecordMdfDeliverable = Command<
  'RecordMdfDeliverable',
  { readonly partnerId: string; readonly mdfId: string; readonly description: string; readonly url?: string | null }
>;

export type ChangeTier = Command<'ChangeTier', { readonly partnerId: string; readonly tier: string }>;

export type PartnershipCommand =
  | SelectPartner
  | OnboardPartner
  | EnablePartner
  | OffboardPartner
  | AssignManager
  | ReferLead
  | EarnCommission
  | PayOutCommission
  | ReverseCommission
  | IssueInvoice
  | SettleInvoice
  | PayOutMdf
  | RecordMdfDeliverable
  | ChangeTier;

export type PartnershipCommandType = PartnershipCommand['type'];
