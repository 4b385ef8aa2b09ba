import {
  computeClearance,
  PARTNERSHIP,
  type Money,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
  type PartnerType,
  type TeammateSnapshot,
} from '@partnerships/domain';
import { DAY_MS, HOUR_MS, workingTimeBetween } from './business-time';
import { DecidedStream } from './decided-stream';
import { companyName, personName } from './program-names';
import type { ProgramTeam } from './program-team';
import { SeededRandom } from '@partnerships/event-store';

export type PartnershipStream = DecidedStream<PartnershipCommand, PartnershipEvent, PartnershipState>;

/** Where a partner's year ends: most go live, some stall, a few leave (one now and then forced past open money). */
export type PartnerFate = 'selected' | 'onboarded' | 'enabled' | 'offboarded' | 'forced-offboarded';

export interface StoryContext {
  readonly seed: number;
  /** Business time of the program's end (ms); nothing is dated at or after it. */
  readonly endAt: number;
  readonly team: ProgramTeam;
}

export interface PartnerCasting {
  readonly index: number;
  readonly partnerId: string;
  readonly fate: PartnerFate;
  readonly joinedAt: number;
}

const MONTH_MS = 30 * DAY_MS;

const TYPES: readonly (readonly [PartnerType, number])[] = [['referral', 35], ['affiliate', 25], ['reseller', 25], ['technology', 15]];
const TIERS = ['standard', 'silver', 'gold', 'platinum'] as const;
type Tier = (typeof TIERS)[number];
const TIER_WEIGHTS: readonly (readonly [Tier, number])[] = [['standard', 50], ['silver', 25], ['gold', 18], ['platinum', 7]];
const CURRENCIES: readonly (readonly [string, number])[] = [['USD', 75], ['EUR', 18], ['GBP', 7]];

/** Leads referred per month while enabled. */
const LEAD_RATE: Readonly<Record<PartnerType, number>> = { referral: 1.6, affiliate: 2.2, reseller: 1.2, technology: 0.8 };
const TIER_ACTIVITY: Readonly<Record<Tier, number>> = { standard: 0.8, silver: 1, gold: 1.3, platinum: 1.6 };
const COMMISSION_RATE: Readonly<Record<Tier, number>> = { standard: 0.1, silver: 0.15, gold: 0.2, platinum: 0.25 };

const SELECTION_REASONS = ['inbound application', 'referred by an existing partner', 'met at a trade show', 'strategic integration', 'outbound recruitment'];
const REVERSAL_REASONS = ['customer refund', 'chargeback', 'duplicate attribution'];
const MDF_PURPOSES = ['trade show booth', 'co-branded webinar', 'digital campaign', 'partner summit sponsorship', 'sales enablement workshop'];
const MDF_DELIVERABLES = ['event report and lead list', 'webinar recording', 'campaign performance report', 'photos and attendee list'];
const OFFBOARDING_REASONS = ['contract ended by mutual agreement', 'partner exited the market', 'inactive for two quarters', 'program restructuring'];

/**
 * A partner's year as commands at business times: selection, a manager, onboarding and enabling,
 * then leads, commissions (paid out a month later, a few reversed), invoices, MDF and tier
 * changes until the end (or until offboarding, after clearing what is open, or forced past it).
 * Each partner has its own generator, so its story does not depend on any other partner's.
 */
export function partnerStory(context: StoryContext, casting: PartnerCasting): PartnershipStream {
  const random = SeededRandom.derived(context.seed, `partner:${casting.index}`);
  const { partnerId, fate, joinedAt } = casting;
  const end = context.endAt;
  const stream: PartnershipStream = new DecidedStream(PARTNERSHIP, partnerId, context.seed);
  const plan: PartnershipCommand[] = [];
  const at = (ms: number) => ({ now: new Date(ms) });
  const between = (from: number, to: number) => workingTimeBetween(random, from, to);

  const type = random.weighted(TYPES);
  const tier = random.weighted(TIER_WEIGHTS);
  const currency = random.weighted(CURRENCIES);
  const company = companyName(random, casting.index + 1);
  const contact = personName(random);
  const amount = (minMajor: number, maxMajor: number): Money => ({
    // Log-uniform: many small deals, a few large ones; whole units, as prices are.
    amountMinor: Math.round(Math.exp(random.between(Math.log(minMajor), Math.log(maxMajor)))) * 100,
    currency,
  });
  plan.push({
    type: 'SelectPartner',
    data: { partnerId, name: company.name, contactName: contact.name, contactEmail: `${contact.handle}@${company.domain}`, type, tier, reason: random.pick(SELECTION_REASONS) },
    metadata: at(joinedAt),
  });

  const managers = context.team.managers;
  const pickManager = (other?: string): TeammateSnapshot => {
    for (;;) {
      const { manager } = random.weighted(managers.map((entry) => [entry, entry.weight] as const));
      if (manager.teammateId !== other) return manager;
    }
  };
  // Most partners get a manager within days, some weeks later, a few never (the unassigned series).
  const managerAt = random.chance(0.9) ? between(joinedAt + HOUR_MS, joinedAt + 3 * DAY_MS) : random.chance(0.5) ? between(joinedAt + 20 * DAY_MS, joinedAt + 120 * DAY_MS) : null;
  if (managerAt !== null) {
    let manager = pickManager();
    plan.push({ type: 'AssignManager', data: { partnerId, managerId: manager.teammateId, manager }, metadata: at(managerAt) });
    for (let from = managerAt + 30 * DAY_MS, reassignments = 0; reassignments < 2 && random.chance(reassignments === 0 ? 0.22 : 0.25); reassignments++) {
      const reassignedAt = between(from, end);
      manager = pickManager(manager.teammateId);
      plan.push({ type: 'AssignManager', data: { partnerId, managerId: manager.teammateId, manager }, metadata: at(reassignedAt) });
      from = reassignedAt + 30 * DAY_MS;
    }
  }

  // Lifecycle steps take days to weeks, compressed for a partner that joined near the end.
  const remaining = end - joinedAt;
  const onboardedAt = joinedAt + Math.floor(random.between(0.3, 1) * Math.min(14 * DAY_MS, 0.15 * remaining));
  const enabledAt = onboardedAt + Math.floor(random.between(0.3, 1) * Math.min(21 * DAY_MS, 0.15 * remaining));
  const offboarding = fate === 'offboarded' || fate === 'forced-offboarded';
  const cutoff = offboarding ? enabledAt + Math.floor((end - enabledAt) * random.between(0.35, 0.85)) : end;
  if (fate !== 'selected') {
    plan.push({ type: 'OnboardPartner', data: { partnerId, notes: 'agreement signed, training completed' }, metadata: at(onboardedAt) });
  }
  if (fate !== 'selected' && fate !== 'onboarded') {
    plan.push({ type: 'EnablePartner', data: { partnerId, notes: 'live in the partner portal' }, metadata: at(enabledAt) });
    planActivity();
  }

  plan.sort((a, b) => a.metadata.now.getTime() - b.metadata.now.getTime());
  let lastAt = joinedAt;
  for (const command of plan) {
    if (command.metadata.now.getTime() >= cutoff) break;
    stream.run(command);
    lastAt = command.metadata.now.getTime();
  }
  if (offboarding) offboard(lastAt);
  return stream;

  function planActivity(): void {
    const months = (cutoff - enabledAt) / MONTH_MS;
    let commissions = 0;
    let customers = 0;
    const earn = (earnedAt: number, customerId: string, leadId: string | null): void => {
      commissions += 1;
      const commissionId = `com-${String(commissions).padStart(4, '0')}`;
      const saleAmount = amount(300, 30_000);
      const commissionAmount = { currency, amountMinor: Math.max(1, Math.round(saleAmount.amountMinor * COMMISSION_RATE[tier])) };
      plan.push({ type: 'EarnCommission', data: { partnerId, commissionId, customerId, saleAmount, commissionAmount, leadId }, metadata: at(earnedAt) });
      if (random.chance(0.06)) {
        plan.push({ type: 'ReverseCommission', data: { partnerId, commissionId, reason: random.pick(REVERSAL_REASONS) }, metadata: at(between(earnedAt + DAY_MS, earnedAt + 20 * DAY_MS)) });
      } else {
        // Monthly payout runs: commissions earned in the last weeks are still outstanding at the end.
        plan.push({ type: 'PayOutCommission', data: { partnerId, commissionId }, metadata: at(between(earnedAt + 20 * DAY_MS, earnedAt + 40 * DAY_MS)) });
      }
    };
    const newCustomer = () => `${partnerId}-cu${String(++customers).padStart(4, '0')}`;

    const leads = Math.min(60, Math.round(months * LEAD_RATE[type] * TIER_ACTIVITY[tier] * random.between(0.4, 1.6)));
    for (let lead = 1; lead <= leads; lead++) {
      const leadId = `lead-${String(lead).padStart(4, '0')}`;
      const referredAt = between(enabledAt, cutoff);
      const customer = companyName(random, lead);
      plan.push({
        type: 'ReferLead',
        data: {
          partnerId,
          leadId,
          customerName: customer.name,
          customerEmail: random.chance(0.7) ? `buyer@${customer.domain}` : null,
          estimatedValue: random.chance(0.6) ? amount(500, 50_000) : null,
        },
        metadata: at(referredAt),
      });
      if (!random.chance(0.45)) continue;
      const customerId = newCustomer();
      const earnedAt = between(referredAt + 2 * DAY_MS, referredAt + 45 * DAY_MS);
      earn(earnedAt, customerId, leadId);
      // A renewal: revenue, but not new revenue.
      if (random.chance(0.3)) earn(between(earnedAt + 60 * DAY_MS, earnedAt + 200 * DAY_MS), customerId, null);
    }
    if (type === 'affiliate') {
      const direct = Math.round(months * 0.6 * random.between(0.5, 1.5));
      for (let sale = 0; sale < direct; sale++) earn(between(enabledAt, cutoff), newCustomer(), null);
    }

    if (type === 'reseller' || type === 'technology') {
      const invoices = Math.floor((months / 3) * random.between(0.6, 1.4));
      for (let invoice = 1; invoice <= invoices; invoice++) {
        const invoiceId = `inv-${String(invoice).padStart(3, '0')}`;
        const issuedAt = between(enabledAt, cutoff);
        const dueAt = new Date(issuedAt + 30 * DAY_MS).toISOString().slice(0, 10);
        plan.push({ type: 'IssueInvoice', data: { partnerId, invoiceId, amount: amount(500, 15_000), dueAt }, metadata: at(issuedAt) });
        if (random.chance(0.92)) {
          plan.push({ type: 'SettleInvoice', data: { partnerId, invoiceId }, metadata: at(between(issuedAt + 7 * DAY_MS, issuedAt + 45 * DAY_MS)) });
        }
      }
    }

    const mdfPayments = tier === 'gold' || tier === 'platinum' ? random.int(1, 3) : tier === 'silver' && random.chance(0.3) ? 1 : 0;
    for (let payment = 1; payment <= mdfPayments; payment++) {
      const mdfId = `mdf-${String(payment).padStart(2, '0')}`;
      const paidAt = between(enabledAt, cutoff);
      plan.push({ type: 'PayOutMdf', data: { partnerId, mdfId, amount: amount(1_000, 20_000), purpose: random.pick(MDF_PURPOSES) }, metadata: at(paidAt) });
      if (random.chance(0.85)) {
        const url = random.chance(0.5) ? `https://${company.domain}/mdf/${mdfId}` : null;
        plan.push({
          type: 'RecordMdfDeliverable',
          data: { partnerId, mdfId, description: random.pick(MDF_DELIVERABLES), url },
          metadata: at(between(paidAt + 10 * DAY_MS, paidAt + 60 * DAY_MS)),
        });
      }
    }

    if (random.chance(0.15)) {
      const next = tier === 'platinum' ? 'gold' : TIERS[TIERS.indexOf(tier) + 1];
      plan.push({ type: 'ChangeTier', data: { partnerId, tier: next }, metadata: at(between(enabledAt + 0.3 * (cutoff - enabledAt), cutoff)) });
    }
  }

  /** Clears what is open in the days before (or, when forced, leaves something open and overrides). */
  function offboard(lastAt: number): void {
    const reason = random.pick(OFFBOARDING_REASONS);
    const blockers = computeClearance(stream.state).blockers;
    const from = Math.max(lastAt, cutoff - 7 * DAY_MS);
    if (fate === 'offboarded') {
      blockers.forEach((blocker, index) => {
        const metadata = at(Math.floor(from + ((index + 1) * (cutoff - from)) / (blockers.length + 2)));
        if (blocker.kind === 'unpaid_commission') {
          stream.run(
            random.chance(0.85)
              ? { type: 'PayOutCommission', data: { partnerId, commissionId: blocker.id }, metadata }
              : { type: 'ReverseCommission', data: { partnerId, commissionId: blocker.id, reason: 'partner offboarded before payout' }, metadata },
          );
        } else if (blocker.kind === 'open_invoice') {
          stream.run({ type: 'SettleInvoice', data: { partnerId, invoiceId: blocker.id }, metadata });
        } else {
          stream.run({ type: 'RecordMdfDeliverable', data: { partnerId, mdfId: blocker.id, description: 'final report before offboarding', url: null }, metadata });
        }
      });
      stream.run({ type: 'OffboardPartner', data: { partnerId, reason, override: null, overrideBy: null }, metadata: at(cutoff) });
      return;
    }
    if (blockers.length === 0) {
      // A last invoice the partner never settles: the override has something to override.
      const issuedAt = Math.floor((from + cutoff) / 2);
      stream.run({ type: 'IssueInvoice', data: { partnerId, invoiceId: 'inv-final', amount: amount(500, 5_000), dueAt: new Date(issuedAt + 30 * DAY_MS).toISOString().slice(0, 10) }, metadata: at(issuedAt) });
    }
    const admin = random.pick(context.team.admins);
    stream.run({
      type: 'OffboardPartner',
      data: { partnerId, reason: 'partner insolvent', override: { byTeammateId: admin.teammateId, reason: 'balance written off by finance' }, overrideBy: admin },
      metadata: at(cutoff),
    });
  }
}
