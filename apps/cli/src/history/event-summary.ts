import type { Money } from '@partnerships/domain';
import type { TimelineEntry } from '@partnerships/projections';
import { moneyText } from './money-text';

type Data = Readonly<Record<string, unknown>>;

const text = (value: unknown): string => (value === null || value === undefined ? '-' : String(value));
const money = (value: unknown): string => moneyText(value as Money);

/** The fields of each event type an operator looks for first; the whole data is in `--json`. */
const SUMMARIES: Readonly<Record<string, (data: Data) => string>> = {
  PartnerSelected: (d) => `${text(d.name)}, ${text(d.type)}, tier ${text(d.tier)}, contact ${text(d.contactEmail)}`,
  PartnerOnboarded: (d) => (d.notes ? `notes: ${text(d.notes)}` : ''),
  PartnerEnabled: (d) => (d.notes ? `notes: ${text(d.notes)}` : ''),
  PartnerOffboarded: (d) => {
    const override = d.override as { byTeammateId?: unknown; reason?: unknown } | null;
    return `reason: ${text(d.reason)}${override ? `; forced by ${text(override.byTeammateId)}: ${text(override.reason)}` : ''}`;
  },
  PartnerManagerReassigned: (d) => `manager ${text(d.managerId)} (was ${d.previousManagerId === null ? 'none' : text(d.previousManagerId)})`,
  PartnerTierChanged: (d) => `tier ${text(d.tier)} (was ${text(d.previousTier)})`,
  LeadReferred: (d) => `lead ${text(d.leadId)}: ${text(d.customerName)}`,
  CommissionEarned: (d) => `commission ${text(d.commissionId)}: ${money(d.commissionAmount)} on a ${money(d.saleAmount)} sale to ${text(d.customerId)}`,
  CommissionPaidOut: (d) => `commission ${text(d.commissionId)} paid: ${money(d.amount)}`,
  CommissionReversed: (d) => `commission ${text(d.commissionId)} reversed: ${money(d.amount)} (${text(d.reason)})`,
  InvoiceIssued: (d) => `invoice ${text(d.invoiceId)}: ${money(d.amount)}${d.dueAt ? `, due ${text(d.dueAt)}` : ''}`,
  InvoiceSettled: (d) => `invoice ${text(d.invoiceId)} settled`,
  MdfPaidOut: (d) => `mdf ${text(d.mdfId)}: ${money(d.amount)} for ${text(d.purpose)}`,
  MdfDeliverableReceived: (d) => `mdf ${text(d.mdfId)} deliverable: ${text(d.description)}`,
};

/** One line; an event type this version does not know shows its data's keys. */
export function eventSummary(entry: Pick<TimelineEntry, 'type' | 'data'>): string {
  const summary = SUMMARIES[entry.type];
  if (summary !== undefined) return summary(entry.data);
  return Object.keys(entry.data).filter((key) => key !== 'partnerId').join(', ');
}
