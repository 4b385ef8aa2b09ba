import { money, type Money } from '../shared/money';
import type { PartnershipCommandType } from '../partnership/partnership.commands';
import type { PartnershipEvent, PartnershipEventType } from '../partnership/partnership.events';
import type { DomainEventData, DomainEventOf, PartnershipCommandData, PartnershipCommandOf } from './message-types';

/** Fixed business time for commands in tests. */
export const TEST_NOW = new Date('2026-03-02T09:00:00.000Z');

export const TEST_PARTNER_ID = 'p1';

export function usd(amountMinor: number): Money {
  return money(amountMinor, 'USD');
}

/** Data whose `partnerId` the builders below default to TEST_PARTNER_ID. */
type WithDefaultPartnerId<Data> = Omit<Data, 'partnerId'> & { readonly partnerId?: string };

/** What `partnershipCommand` takes as the data of a command of type `T`: `partnerId` may be left out. */
export type PartnershipCommandInput<T extends PartnershipCommandType> = WithDefaultPartnerId<PartnershipCommandData<T>>;

/**
 * Builds the partnership command of type `type`, its data checked against that type:
 * `partnerId` defaults to TEST_PARTNER_ID and the business time `now` to TEST_NOW.
 */
export function partnershipCommand<T extends PartnershipCommandType>(
  type: T,
  data: PartnershipCommandInput<T>,
  now: Date = TEST_NOW,
): PartnershipCommandOf<T> {
  // The signature checks `data`. For a generic T the compiler cannot see that the object below is
  // the member of the command union with that type, hence the one cast.
  const command = { type, data: { partnerId: TEST_PARTNER_ID, ...data }, metadata: { now } };
  return command as unknown as PartnershipCommandOf<T>;
}

/** Builds an event for TEST_PARTNER_ID; `data` adds or overrides fields. */
export function partnershipEvent<T extends PartnershipEventType>(
  type: T,
  data: WithDefaultPartnerId<DomainEventData<T>>,
): DomainEventOf<T> {
  return { type, data: { partnerId: TEST_PARTNER_ID, ...data } } as DomainEventOf<T>;
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
): DomainEventOf<'CommissionEarned'> {
  return partnershipEvent('CommissionEarned', {
    commissionId,
    customerId: `customer-${commissionId}`,
    saleAmount: usd(saleAmountMinor),
    commissionAmount: usd(commissionAmountMinor),
    leadId: null,
  });
}

export function invoiceIssued(invoiceId: string, amountMinor = 5_000): DomainEventOf<'InvoiceIssued'> {
  return partnershipEvent('InvoiceIssued', { invoiceId, amount: usd(amountMinor), dueAt: null });
}

export function mdfPaidOut(mdfId: string, amountMinor = 20_000): DomainEventOf<'MdfPaidOut'> {
  return partnershipEvent('MdfPaidOut', { mdfId, amount: usd(amountMinor), purpose: 'Trade show booth' });
}
