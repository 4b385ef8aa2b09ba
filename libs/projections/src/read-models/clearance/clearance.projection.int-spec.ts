import {
  computeClearance,
  type Clearance,
  type Money,
  type PartnershipCommand,
} from '@partnerships/domain';
import fc from 'fast-check';
import { partnershipCommand } from '@partnerships/domain/testing';
import { deciderLedgers, uniqueId } from '../../testing/decider-ledger';
import { countedProjectionRun, describeOnEachStore, type ReadModelEnvironment } from '../../testing/read-model-harness';
import { clearanceProjection } from './clearance.projection';
import { readClearance } from './clearance.query';

jest.setTimeout(60_000);

const admin = { teammateId: 'admin-1', role: 'admin' as const, name: 'Ada Admin', email: 'ada@example.com' };
const now = new Date('2024-05-01T10:00:00Z');

const ledgers = deciderLedgers({ occurredAt: () => now.toISOString() });

/** A partner's history as the command side builds it, with the clearance it should show. */
class PartnerLedger extends ledgers.PartnerLedger {
  /** What the offboard command would decide from: null while the partner does not exist. */
  expectedClearance(): Clearance | null {
    return this.state.status === 'none' ? null : computeClearance(this.state);
  }
}

const uniquePartnerId = uniqueId;

function eur(amountMinor: number): Money {
  return { amountMinor, currency: 'EUR' };
}

const select = (partnerId: string) =>
  partnershipCommand('SelectPartner', { partnerId, name: `Partner ${partnerId}`, contactEmail: 'contact@example.com', type: 'reseller' }, now);
const onboard = (partnerId: string) => partnershipCommand('OnboardPartner', { partnerId }, now);
const enable = (partnerId: string) => partnershipCommand('EnablePartner', { partnerId }, now);
const earn = (partnerId: string, commissionId: string, commissionAmount: Money) =>
  partnershipCommand(
    'EarnCommission',
    {
      partnerId,
      commissionId,
      customerId: `cust-${commissionId}`,
      saleAmount: { amountMinor: commissionAmount.amountMinor * 10, currency: commissionAmount.currency },
      commissionAmount,
    },
    now,
  );
const payCommission = (partnerId: string, commissionId: string) => partnershipCommand('PayOutCommission', { partnerId, commissionId }, now);
const reverse = (partnerId: string, commissionId: string) =>
  partnershipCommand('ReverseCommission', { partnerId, commissionId, reason: 'refund' }, now);
const issue = (partnerId: string, invoiceId: string, amount: Money) => partnershipCommand('IssueInvoice', { partnerId, invoiceId, amount }, now);
const settle = (partnerId: string, invoiceId: string) => partnershipCommand('SettleInvoice', { partnerId, invoiceId }, now);
const payMdf = (partnerId: string, mdfId: string, amount: Money) =>
  partnershipCommand('PayOutMdf', { partnerId, mdfId, amount, purpose: 'trade show' }, now);
const deliver = (partnerId: string, mdfId: string) =>
  partnershipCommand('RecordMdfDeliverable', { partnerId, mdfId, description: 'booth photos' }, now);
const offboard = (partnerId: string, forced: boolean) =>
  partnershipCommand(
    'OffboardPartner',
    {
      partnerId,
      reason: 'contract ended',
      override: forced ? { byTeammateId: admin.teammateId, reason: 'board decision' } : null,
      overrideBy: forced ? admin : null,
    },
    now,
  );

type Step = 'select' | 'onboard' | 'enable' | 'earn' | 'pay' | 'reverse' | 'issue' | 'settle' | 'payMdf' | 'deliver' | 'offboard' | 'forceOffboard';

interface CommandSpec {
  readonly partner: number;
  readonly step: Step;
  readonly item: number;
  readonly amount: Money;
}

const PARTNERS = 3;

const commandSpec: fc.Arbitrary<CommandSpec> = fc.record({
  partner: fc.integer({ min: 0, max: PARTNERS - 1 }),
  step: fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom<Step>('select', 'onboard', 'enable', 'offboard', 'forceOffboard') },
    { weight: 8, arbitrary: fc.constantFrom<Step>('earn', 'pay', 'reverse', 'issue', 'settle', 'payMdf', 'deliver') },
  ),
  item: fc.integer({ min: 0, max: 4 }),
  amount: fc.record({
    amountMinor: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
      // Beyond 32 bits, and the largest safe integer (a sale ten times that is refused).
      { weight: 1, arbitrary: fc.constantFrom(5_000_000_000, Number.MAX_SAFE_INTEGER) },
    ),
    currency: fc.constantFrom('EUR', 'USD'),
  }),
});

function toCommand(partnerId: string, { step, item, amount }: CommandSpec): PartnershipCommand {
  switch (step) {
    case 'select':
      return select(partnerId);
    case 'onboard':
      return onboard(partnerId);
    case 'enable':
      return enable(partnerId);
    case 'earn':
      return earn(partnerId, `c${item}`, amount);
    case 'pay':
      return payCommission(partnerId, `c${item}`);
    case 'reverse':
      return reverse(partnerId, `c${item}`);
    case 'issue':
      return issue(partnerId, `i${item}`, amount);
    case 'settle':
      return settle(partnerId, `i${item}`);
    case 'payMdf':
      return payMdf(partnerId, `m${item}`, amount);
    case 'deliver':
      return deliver(partnerId, `m${item}`);
    case 'offboard':
      return offboard(partnerId, false);
    case 'forceOffboard':
      return offboard(partnerId, true);
  }
}

function describeClearanceProjection(name: string, environment: () => ReadModelEnvironment): void {
  describe(`Clearance projection on ${name}`, () => {
    const { batchSizes, project } = countedProjectionRun(clearanceProjection, 7, environment);

    it('lists exactly the open obligations of a scripted history, by kind then creation', async () => {
      const { store, readModel } = environment();
      const a = new PartnerLedger(uniquePartnerId('a'));
      const b = new PartnerLedger(uniquePartnerId('b'));
      const quiet = new PartnerLedger(uniquePartnerId('quiet'));
      const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
      const script: [PartnerLedger, PartnershipCommand][] = [
        [a, select(a.partnerId)],
        [b, select(b.partnerId)],
        [quiet, select(quiet.partnerId)],
        [a, onboard(a.partnerId)],
        [a, enable(a.partnerId)],
        [b, onboard(b.partnerId)],
        [b, enable(b.partnerId)],
        [a, earn(a.partnerId, 'c1', eur(100))],
        [a, earn(a.partnerId, 'c2', eur(200))],
        [b, issue(b.partnerId, 'i1', eur(7_000))],
        [a, earn(a.partnerId, 'c3', usd(5_000_000_000))],
        [a, payCommission(a.partnerId, 'c1')],
        [a, reverse(a.partnerId, 'c2')],
        [a, issue(a.partnerId, 'i1', eur(1_000))],
        [a, issue(a.partnerId, 'i2', eur(2_000))],
        [b, earn(b.partnerId, 'c1', eur(300))],
        [a, settle(a.partnerId, 'i1')],
        [a, payMdf(a.partnerId, 'm1', eur(50))],
        [a, payMdf(a.partnerId, 'm2', eur(60))],
        [b, payMdf(b.partnerId, 'm1', eur(70))],
        [a, deliver(a.partnerId, 'm1')],
        [b, deliver(b.partnerId, 'm1')],
        // Earned after the invoices and MDF, listed before them: kind first, then creation.
        [a, earn(a.partnerId, 'c4', eur(400))],
        [b, earn(b.partnerId, 'c0', eur(500))],
        [a, offboard(a.partnerId, true)],
      ];
      for (const [ledger, step] of script) {
        expect(await ledger.run(store, step)).toBe(true);
      }
      await project();

      expect(await readClearance(readModel, a.partnerId)).toEqual({
        cleared: false,
        blockers: [
          { kind: 'unpaid_commission', id: 'c3', amount: usd(5_000_000_000) },
          { kind: 'unpaid_commission', id: 'c4', amount: eur(400) },
          { kind: 'open_invoice', id: 'i2', amount: eur(2_000) },
          { kind: 'mdf_without_deliverable', id: 'm2', amount: eur(60) },
        ],
      });
      expect(await readClearance(readModel, b.partnerId)).toEqual({
        cleared: false,
        blockers: [
          { kind: 'unpaid_commission', id: 'c1', amount: eur(300) },
          { kind: 'unpaid_commission', id: 'c0', amount: eur(500) },
          { kind: 'open_invoice', id: 'i1', amount: eur(7_000) },
        ],
      });
      expect(await readClearance(readModel, quiet.partnerId)).toEqual({ cleared: true, blockers: [] });
      expect(await readClearance(readModel, uniquePartnerId('nobody'))).toBeNull();
      for (const ledger of [a, b, quiet]) {
        expect(await readClearance(readModel, ledger.partnerId)).toEqual(ledger.expectedClearance());
      }

      // Clearing everything of b, across batches, leaves it cleared.
      for (const step of [payCommission(b.partnerId, 'c1'), reverse(b.partnerId, 'c0'), settle(b.partnerId, 'i1')]) {
        expect(await b.run(store, step)).toBe(true);
      }
      await project();
      expect(await readClearance(readModel, b.partnerId)).toEqual({ cleared: true, blockers: [] });
    });

    it('always agrees with the clearance the offboard command decides from', async () => {
      const { store, readModel } = environment();
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.integer({ min: 0, max: 3 }), { minLength: PARTNERS, maxLength: PARTNERS }),
          fc.array(commandSpec, { minLength: 1, maxLength: 60 }),
          async (startLevels, specs) => {
            const ledgers = startLevels.map(() => new PartnerLedger(uniquePartnerId('p')));
            // 0: never selected, 1: selected, 2: onboarded, 3: enabled, before the random commands.
            for (const [index, level] of startLevels.entries()) {
              const { partnerId } = ledgers[index];
              for (const step of [select(partnerId), onboard(partnerId), enable(partnerId)].slice(0, level)) {
                await ledgers[index].run(store, step);
              }
            }
            for (const spec of specs) {
              const ledger = ledgers[spec.partner];
              await ledger.run(store, toCommand(ledger.partnerId, spec));
            }
            await project();
            for (const ledger of ledgers) {
              expect(await readClearance(readModel, ledger.partnerId)).toEqual(ledger.expectedClearance());
            }
          },
        ),
        { numRuns: 30 },
      );
      expect(Math.max(...batchSizes)).toBe(7);
    });
  });
}

describeOnEachStore('clear', describeClearanceProjection);
