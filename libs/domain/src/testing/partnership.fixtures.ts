import { money, type Money } from '../shared/money';
import type { PartnershipCommand, PartnershipCommandType } from '../partnership/partnership.commands';
import type { PartnershipEvent, PartnershipEventType } from '../partnership/partnership.events';

/** Fixed business time for commands in tests. */
export const TEST_NOW = new Date('2026-03-02T09:00:00.000Z');

export const TEST_PARTNER_ID = 'p1';

export function usd(amountMinor: number): Money {
  return money(amountMinor, 'USD');
}

type CommandOf<T extends PartnershipCommandType> = Extract<PartnershipCommand, { type: T }>;
type EventOf<T extends PartnershipEventType> = Extract<PartnershipEvent, { type: T }>;

/** Builds a command for TEST_PARTNER_ID; `data` adds or overrides fields. */
export function partnershipCommand<T extends PartnershipCommandType>(
  type: T,
  data: Omit<CommandOf<T>['data'], 'partnerId'> & { readonly partnerId?: string },
): CommandOf<T> {
  const command = { type, data: { partnerId: TEST_PARTNER_ID, ...data }, metadata: { now: TEST_NOW } };
  return command as unknown as CommandOf<T>;
}

/** Builds an event for TEST_PARTNER_ID; `data` adds or overrides fields. */
export function partnershipEvent<T extends PartnershipEventType>(
  type: T,
  data: Omit<EventOf<T>['data'], 'partnerId'> & { readonly partnerId?: string },
): EventOf<T> {
  return { type, data: { partnerId: TEST_PARTNER_ID, ...data } } as unknown as EventOf<T>;
}

export const partnerSelected = partnershipEvent('PartnerSelected', {
  name: 'Acme Ltd',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@acme.test',
  type: 'reseller',
  tier: 'standard',
  reason: 'Strong EMEA presence',
});

export const partnerOnboarded = partnershipEvent('PartnerOnboarded', { notes: null });

export const partnerEnabled = partnershipEvent('PartnerEnabled', { notes: null });

export const partnerOffboarded = partnershipEvent('PartnerOffboarded', {
  reason: 'Program closed',
  clearance: { cleared: true, blockers: [] },
  override: null,
});

/** Histories that leave the partner in each lifecycle status. */
export const selectedHistory: readonly PartnershipEvent[] = [partnerSelected];
export const onboardedHistory: readonly PartnershipEvent[] = [partnerSelected, partnerOnboarded];
export const enabledHistory: readonly PartnershipEvent[] = [partnerSelected, partnerOnboarded, partnerEnabled];
export const offboardedHistory: readonly PartnershipEvent[] = [...enabledHistory, partnerOffboarded];

export function commissionEarned(
  commissionId: string,
  commissionAmountMinor = 1_000,
  saleAmountMinor = 10_000,
): EventOf<'CommissionEarned'> {
  return partnershipEvent('CommissionEarned', {
    commissionId,
    customerId: `customer-${commissionId}`,
    saleAmount: usd(saleAmountMinor),
    commissionAmount: usd(commissionAmountMinor),
    leadId: null,
  });
}

export function invoiceIssued(invoiceId: string, amountMinor = 5_000): EventOf<'InvoiceIssued'> {
  return partnershipEvent('InvoiceIssued', { invoiceId, amount: usd(amountMinor), dueAt: null });
}

export function mdfPaidOut(mdfId: string, amountMinor = 20_000): EventOf<'MdfPaidOut'> {
  return partnershipEvent('MdfPaidOut', { mdfId, amount: usd(amountMinor), purpose: 'Trade show booth' });
}
