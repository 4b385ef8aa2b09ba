import { PARTNER_TYPES, teammateSnapshot, type PartnershipCommand, type TeammateCommand } from '@partnerships/domain';
import { SeededRandom, type EventStore } from '@partnerships/event-store';
import { deciderLedgers, uniqueId } from './decider-ledger';

export interface RandomProgramOptions {
  readonly seed: number;
  readonly partners: number;
  readonly managers: number;
}

/**
 * A partner program written by random commands through the real deciders: every event type,
 * managers reassigned, customers shared between partners, two currencies, business times spread
 * over a year (in no particular order, as backdated entries are). Refused commands write nothing,
 * as on the command side. `write(n)` appends until at least `n` more events are in the log, so a
 * test can interleave writing with whatever it checks.
 */
export function randomProgram(store: EventStore, options: RandomProgramOptions) {
  const generator = new SeededRandom(options.seed);
  const random = (): number => generator.next();
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const { PartnerLedger, TeammateLedger } = deciderLedgers({
    occurredAt: () => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000)).toISOString(),
  });
  const run = uniqueId('prog');
  const managers = Array.from({ length: options.managers }, (_, i) => new TeammateLedger(`${run}-m${i}`));
  const partners = Array.from({ length: options.partners }, (_, i) => new PartnerLedger(`${run}-p${i}`));
  const customers = Array.from({ length: Math.max(2, Math.floor(options.partners / 2)) }, (_, i) => `${run}-c${i}`);
  let counter = 0;
  let events = 0;

  const money = () => ({ amountMinor: 100 * (1 + Math.floor(random() * 500)), currency: pick(['EUR', 'USD']) });
  const now = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(random() * 366 * 86_400_000));
  const itemId = (prefix: string) => `${prefix}${Math.floor(random() * 40)}`;

  function partnershipCommand(partnerId: string): PartnershipCommand {
    const metadata = { now: now() };
    const manager = pick(managers);
    const roll = random();
    if (roll < 0.06) {
      return { type: 'SelectPartner', data: { partnerId, name: `Partner ${partnerId}`, contactEmail: `${partnerId}@example.test`, type: pick(PARTNER_TYPES), tier: pick(['standard', 'gold', 'silver']) }, metadata };
    }
    if (roll < 0.12) return { type: 'OnboardPartner', data: { partnerId }, metadata };
    if (roll < 0.18) return { type: 'EnablePartner', data: { partnerId }, metadata };
    if (roll < 0.26) return { type: 'AssignManager', data: { partnerId, managerId: manager.teammateId, manager: teammateSnapshot(manager.state) }, metadata };
    if (roll < 0.34) return { type: 'ReferLead', data: { partnerId, leadId: itemId('l'), customerName: 'Customer', estimatedValue: money() }, metadata };
    if (roll < 0.52) {
      const amount = money();
      return { type: 'EarnCommission', data: { partnerId, commissionId: itemId('c'), customerId: pick(customers), saleAmount: { ...amount, amountMinor: amount.amountMinor * 10 }, commissionAmount: amount }, metadata };
    }
    if (roll < 0.6) return { type: 'PayOutCommission', data: { partnerId, commissionId: itemId('c') }, metadata };
    if (roll < 0.65) return { type: 'ReverseCommission', data: { partnerId, commissionId: itemId('c'), reason: 'refund' }, metadata };
    if (roll < 0.71) return { type: 'IssueInvoice', data: { partnerId, invoiceId: itemId('i'), amount: money() }, metadata };
    if (roll < 0.76) return { type: 'SettleInvoice', data: { partnerId, invoiceId: itemId('i') }, metadata };
    if (roll < 0.81) return { type: 'PayOutMdf', data: { partnerId, mdfId: itemId('f'), amount: money(), purpose: 'event' }, metadata };
    if (roll < 0.86) return { type: 'RecordMdfDeliverable', data: { partnerId, mdfId: itemId('f'), description: 'webinar' }, metadata };
    if (roll < 0.92) return { type: 'ChangeTier', data: { partnerId, tier: pick(['standard', 'gold', 'silver', 'platinum']) }, metadata };
    const override = random() < 0.3 ? { byTeammateId: manager.teammateId, reason: 'written off' } : null;
    return { type: 'OffboardPartner', data: { partnerId, reason: 'program review', override, overrideBy: override && teammateSnapshot(manager.state) }, metadata };
  }

  function teammateCommand(teammateId: string): TeammateCommand {
    const metadata = { now: now() };
    if (random() < 0.5) {
      return { type: 'AddTeammate', data: { teammateId, name: `Manager ${teammateId}`, email: `${teammateId}@example.test`, role: 'teammate', actorRole: 'owner' }, metadata };
    }
    return { type: 'ChangeTeammateRole', data: { teammateId, role: pick(['admin', 'teammate', 'owner']), actorRole: 'owner' }, metadata };
  }

  /** Appends random commands until at least `count` more events are in the log; calls run one after another. */
  let writing: Promise<void> = Promise.resolve();
  function write(count: number): Promise<void> {
    const run = writing.then(() => writeNow(count));
    writing = run.catch(() => undefined);
    return run;
  }

  async function writeNow(count: number): Promise<void> {
    const target = events + count;
    while (events < target) {
      counter += 1;
      if (counter % 25 === 0) {
        const manager = pick(managers);
        const before = manager.events.length;
        await manager.run(store, teammateCommand(manager.teammateId));
        events += manager.events.length - before;
        continue;
      }
      const partner = pick(partners);
      const before = partner.events.length;
      await partner.run(store, partnershipCommand(partner.partnerId));
      events += partner.events.length - before;
    }
  }

  return { write, partners, managers, get events() { return events; } };
}
