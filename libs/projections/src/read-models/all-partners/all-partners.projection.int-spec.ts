import { randomBytes } from 'node:crypto';
import {
  teammateSnapshot,
  type Money,
  type PartnershipCommand,
  type PartnerType,
  type TeammateCommand,
} from '@partnerships/domain';
import fc from 'fast-check';
import { partnershipCommand } from '@partnerships/domain/testing';
import { deciderLedgers, uniqueId } from '../../testing/decider-ledger';
import { countedProjectionRun, describeOnEachStore, type ReadModelEnvironment } from '../../testing/read-model-harness';
import { allPartnersProjection } from './all-partners.projection';
import {
  ALL_PARTNERS_SORTS,
  InvalidCursorError,
  listAllPartners,
  readPartnerRow,
  type AllPartnersItem,
  type AllPartnersSort,
  type ListAllPartnersOptions,
  type MoneyMap,
} from './all-partners.query';

jest.setTimeout(60_000);

const admin = { teammateId: 'admin-1', role: 'admin' as const, name: 'Ada Admin', email: 'ada@example.com' };
const now = new Date('2024-05-01T10:00:00Z');

/** Business time: a minute later for every command, unless a command names its own. */
let tick = 0;
function nextTime(): string {
  tick += 1;
  return new Date(Date.parse('2024-01-01T00:00:00Z') + tick * 60_000).toISOString();
}

const { PartnerLedger, TeammateLedger } = deciderLedgers({ occurredAt: nextTime });
type PartnerLedger = InstanceType<typeof PartnerLedger>;
type TeammateLedger = InstanceType<typeof TeammateLedger>;

const money = (amountMinor: number, currency: string): Money => ({ amountMinor, currency });
const select = (partnerId: string, name: string, type: PartnerType = 'reseller') =>
  partnershipCommand('SelectPartner', { partnerId, name, contactEmail: 'contact@example.com', type }, now);
const onboard = (partnerId: string) => partnershipCommand('OnboardPartner', { partnerId }, now);
const enable = (partnerId: string) => partnershipCommand('EnablePartner', { partnerId }, now);
const lead = (partnerId: string, leadId: string) => partnershipCommand('ReferLead', { partnerId, leadId, customerName: `Customer ${leadId}` }, now);
const earn = (partnerId: string, commissionId: string, sale: Money, commissionAmount: Money) =>
  partnershipCommand('EarnCommission', { partnerId, commissionId, customerId: `cust-${commissionId}`, saleAmount: sale, commissionAmount }, now);
const pay = (partnerId: string, commissionId: string) => partnershipCommand('PayOutCommission', { partnerId, commissionId }, now);
const reverse = (partnerId: string, commissionId: string) => partnershipCommand('ReverseCommission', { partnerId, commissionId, reason: 'refund' }, now);
const changeTier = (partnerId: string, tier: string) => partnershipCommand('ChangeTier', { partnerId, tier }, now);
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
const assign = (partnerId: string, manager: TeammateLedger) =>
  partnershipCommand('AssignManager', { partnerId, managerId: manager.teammateId, manager: teammateSnapshot(manager.state) }, now);
const addTeammate = (teammateId: string, name: string): TeammateCommand => ({
  type: 'AddTeammate',
  data: { teammateId, name, email: `${teammateId}@example.com`, role: 'teammate', actorRole: 'owner' },
  metadata: { now },
});

/** The money maps, lead count and dates, computed straight from the partner's events. */
function expectedFigures(ledger: PartnerLedger): Pick<
  AllPartnersItem,
  'leadCount' | 'revenue' | 'commissionsEarned' | 'commissionsPaid' | 'commissionsOutstanding' | 'joinedAt' | 'lastActivityAt' | 'status' | 'tier'
> | null {
  if (ledger.state.status === 'none') {
    return null;
  }
  const revenue = new Map<string, bigint>();
  const earned = new Map<string, bigint>();
  const paid = new Map<string, bigint>();
  const reversed = new Map<string, bigint>();
  const add = (map: Map<string, bigint>, { amountMinor, currency }: Money): void => {
    map.set(currency, (map.get(currency) ?? 0n) + BigInt(amountMinor));
  };
  let leadCount = 0;
  for (const { event } of ledger.events) {
    switch (event.type) {
      case 'LeadReferred':
        leadCount += 1;
        break;
      case 'CommissionEarned':
        add(revenue, event.data.saleAmount);
        add(earned, event.data.commissionAmount);
        break;
      case 'CommissionReversed':
        add(revenue, { ...event.data.saleAmount, amountMinor: -event.data.saleAmount.amountMinor });
        add(reversed, event.data.amount);
        break;
      case 'CommissionPaidOut':
        add(paid, event.data.amount);
        break;
      default:
        break;
    }
  }
  const toMap = (entries: Iterable<[string, bigint]>): MoneyMap =>
    Object.fromEntries([...entries].filter(([, value]) => value !== 0n).map(([currency, value]) => [currency, Number(value)]));
  const currencies = new Set([...earned.keys(), ...paid.keys(), ...reversed.keys()]);
  const net = (currency: string) => (earned.get(currency) ?? 0n) - (reversed.get(currency) ?? 0n);
  const times = ledger.events.map(({ occurredAt }) => occurredAt).sort();
  return {
    status: ledger.state.status,
    tier: ledger.state.tier,
    leadCount,
    revenue: toMap(revenue),
    commissionsEarned: toMap([...currencies].map((c) => [c, net(c)])),
    commissionsPaid: toMap(paid),
    commissionsOutstanding: toMap(
      [...currencies].map((c) => {
        const open = net(c) - (paid.get(c) ?? 0n);
        return [c, open > 0n ? open : 0n];
      }),
    ),
    joinedAt: ledger.events[0].occurredAt,
    lastActivityAt: times[times.length - 1],
  };
}

function figuresOf(item: AllPartnersItem | null) {
  if (item === null) {
    return null;
  }
  const { leadCount, revenue, commissionsEarned, commissionsPaid, commissionsOutstanding, joinedAt, lastActivityAt, status, tier } = item;
  return { leadCount, revenue, commissionsEarned, commissionsPaid, commissionsOutstanding, joinedAt, lastActivityAt, status, tier };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The order a sort should give, computed in memory: sort key, then partner id, both in the sort's direction. */
function sortedLike(items: readonly AllPartnersItem[], sort: AllPartnersSort, currency = 'USD'): string[] {
  const field = sort.replace('-', '') as Exclude<AllPartnersSort, `-${string}`>;
  const sign = sort.startsWith('-') ? -1 : 1;
  const KEYS: Record<typeof field, (item: AllPartnersItem) => string | number> = {
    name: (item) => item.name.toLowerCase(),
    joinedAt: (item) => item.joinedAt,
    lastActivityAt: (item) => item.lastActivityAt,
    status: (item) => item.status,
    type: (item) => item.type,
    tier: (item) => item.tier,
    manager: (item) => item.manager?.name ?? '',
    leadCount: (item) => item.leadCount,
    revenue: (item) => item.revenue[currency] ?? 0,
    commissionsOutstanding: (item) => item.commissionsOutstanding[currency] ?? 0,
  };
  const key = KEYS[field];
  const compare = (a: string | number, b: string | number) => (typeof a === 'number' && typeof b === 'number' ? a - b : compareText(String(a), String(b)));
  return [...items].sort((a, b) => sign * (compare(key(a), key(b)) || compareText(a.partnerId, b.partnerId))).map((item) => item.partnerId);
}

const SORTS: readonly AllPartnersSort[] = ALL_PARTNERS_SORTS;

type Step = 'select' | 'onboard' | 'enable' | 'lead' | 'earn' | 'pay' | 'reverse' | 'tier' | 'offboard';

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
    { weight: 1, arbitrary: fc.constantFrom<Step>('select', 'onboard', 'enable', 'tier', 'offboard') },
    { weight: 6, arbitrary: fc.constantFrom<Step>('lead', 'earn', 'pay', 'reverse') },
  ),
  // Few items, so that payouts and reversals often meet an earned commission.
  item: fc.integer({ min: 0, max: 2 }),
  amount: fc.record({
    amountMinor: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 1, max: 100_000 }) },
      { weight: 1, arbitrary: fc.constant(5_000_000_000) },
    ),
    currency: fc.constantFrom('EUR', 'USD'),
  }),
});

function toCommand(partnerId: string, { step, item, amount }: CommandSpec): PartnershipCommand {
  switch (step) {
    case 'select':
      return select(partnerId, `Random ${partnerId}`);
    case 'onboard':
      return onboard(partnerId);
    case 'enable':
      return enable(partnerId);
    case 'lead':
      return lead(partnerId, `l${item}`);
    case 'earn':
      return earn(partnerId, `c${item}`, money(amount.amountMinor * 10, amount.currency), amount);
    case 'pay':
      return pay(partnerId, `c${item}`);
    case 'reverse':
      return reverse(partnerId, `c${item}`);
    case 'tier':
      return changeTier(partnerId, `tier-${item}`);
    case 'offboard':
      return offboard(partnerId, true);
  }
}

function describeAllPartnersProjection(name: string, environment: () => ReadModelEnvironment): void {
  describe(`All Partners projection on ${name}`, () => {
    const { batchSizes, project } = countedProjectionRun(allPartnersProjection, 5, environment);

    it('shows exactly the expected rows of a scripted history, filtered, sorted and paged', async () => {
      const { store, readModel } = environment();
      // Every name carries the token, so `q` restricts the listings to this test's partners.
      const token = randomBytes(4).toString('hex');
      const alice = new TeammateLedger(uniqueId('alice'));
      const bob = new TeammateLedger(uniqueId('bob'));
      const acme = new PartnerLedger(uniqueId('acme'));
      const beta = new PartnerLedger(uniqueId('beta'));
      const delta = new PartnerLedger(uniqueId('delta'));
      const gamma = new PartnerLedger(uniqueId('gamma'));
      // Before every other business time of the script.
      const tie = '2023-12-31T00:00:00.000Z';
      const usd = (n: number) => money(n, 'USD');
      const eur = (n: number) => money(n, 'EUR');

      const script: (() => Promise<boolean>)[] = [
        () => alice.run(store, addTeammate(alice.teammateId, 'Alice Archer')),
        () => bob.run(store, addTeammate(bob.teammateId, 'Bob Baker')),
        () => acme.run(store, select(acme.partnerId, `Acme ${token}`, 'reseller')),
        () => beta.run(store, select(beta.partnerId, `beta ${token}`, 'referral')),
        // Same business time: a tie on joinedAt, broken by partner id.
        () => delta.run(store, select(delta.partnerId, `Delta ${token}`, 'technology'), tie),
        () => gamma.run(store, select(gamma.partnerId, `gamma ${token}`, 'reseller'), tie),
        () => acme.run(store, onboard(acme.partnerId)),
        () => acme.run(store, enable(acme.partnerId)),
        () => acme.run(store, assign(acme.partnerId, alice)),
        () => beta.run(store, onboard(beta.partnerId)),
        () => beta.run(store, enable(beta.partnerId)),
        () => beta.run(store, assign(beta.partnerId, alice)),
        () => acme.run(store, lead(acme.partnerId, 'l1')),
        () => acme.run(store, lead(acme.partnerId, 'l2')),
        () => acme.run(store, earn(acme.partnerId, 'c1', usd(100_000), usd(10_000))),
        () => acme.run(store, earn(acme.partnerId, 'c2', eur(50_000), eur(5_000))),
        () => acme.run(store, assign(acme.partnerId, bob)),
        () => acme.run(store, pay(acme.partnerId, 'c1')),
        () => acme.run(store, earn(acme.partnerId, 'c3', usd(20_000), usd(2_000))),
        () => acme.run(store, reverse(acme.partnerId, 'c3')),
        () => acme.run(store, changeTier(acme.partnerId, 'gold')),
        () => beta.run(store, lead(beta.partnerId, 'l1')),
        () => beta.run(store, earn(beta.partnerId, 'c1', usd(30_000), usd(3_000))),
        () => beta.run(store, reverse(beta.partnerId, 'c1')),
        () => beta.run(store, offboard(beta.partnerId, false)),
        () => delta.run(store, onboard(delta.partnerId)),
      ];
      for (const run of script) {
        expect(await run()).toBe(true);
      }
      await project();

      const timeOf = (ledger: PartnerLedger, index: number) => ledger.events[index].occurredAt;
      const last = (ledger: PartnerLedger) => ledger.events[ledger.events.length - 1].occurredAt;
      const contact = (teammate: TeammateLedger, fullName: string) => ({
        id: teammate.teammateId,
        name: fullName,
        email: `${teammate.teammateId}@example.com`,
      });
      const expected: Record<string, AllPartnersItem> = {
        [acme.partnerId]: {
          partnerId: acme.partnerId,
          name: `Acme ${token}`,
          status: 'enabled',
          type: 'reseller',
          tier: 'gold',
          manager: contact(bob, 'Bob Baker'),
          joinedAt: timeOf(acme, 0),
          leadCount: 2,
          revenue: { EUR: 50_000, USD: 100_000 },
          commissionsEarned: { EUR: 5_000, USD: 10_000 },
          commissionsPaid: { USD: 10_000 },
          commissionsOutstanding: { EUR: 5_000 },
          lastActivityAt: last(acme),
        },
        [beta.partnerId]: {
          partnerId: beta.partnerId,
          name: `beta ${token}`,
          status: 'offboarded',
          type: 'referral',
          tier: 'standard',
          manager: contact(alice, 'Alice Archer'),
          joinedAt: timeOf(beta, 0),
          leadCount: 1,
          revenue: {},
          commissionsEarned: {},
          commissionsPaid: {},
          commissionsOutstanding: {},
          lastActivityAt: last(beta),
        },
        [delta.partnerId]: {
          partnerId: delta.partnerId,
          name: `Delta ${token}`,
          status: 'onboarded',
          type: 'technology',
          tier: 'standard',
          manager: null,
          joinedAt: tie,
          leadCount: 0,
          revenue: {},
          commissionsEarned: {},
          commissionsPaid: {},
          commissionsOutstanding: {},
          lastActivityAt: last(delta),
        },
        [gamma.partnerId]: {
          partnerId: gamma.partnerId,
          name: `gamma ${token}`,
          status: 'selected',
          type: 'reseller',
          tier: 'standard',
          manager: null,
          joinedAt: tie,
          leadCount: 0,
          revenue: {},
          commissionsEarned: {},
          commissionsPaid: {},
          commissionsOutstanding: {},
          lastActivityAt: tie,
        },
      };
      const all = Object.values(expected);
      for (const item of all) {
        expect(await readPartnerRow(readModel, item.partnerId)).toEqual(item);
      }
      expect(await readPartnerRow(readModel, uniqueId('nobody'))).toBeNull();
      for (const ledger of [acme, beta, delta, gamma]) {
        expect(figuresOf(await readPartnerRow(readModel, ledger.partnerId))).toEqual(expectedFigures(ledger));
      }

      const ids = async (options: ListAllPartnersOptions) =>
        (await listAllPartners(readModel, { q: token, ...options })).items.map((item) => item.partnerId);

      // Default sort: name, case-insensitively (Acme, beta, Delta, gamma).
      const page = await listAllPartners(readModel, { q: token });
      expect(page).toEqual({ items: [acme, beta, delta, gamma].map((l) => expected[l.partnerId]), nextCursor: null });

      // Filters.
      expect(await ids({ managerId: bob.teammateId })).toEqual([acme.partnerId]);
      expect(await ids({ managerId: alice.teammateId })).toEqual([beta.partnerId]);
      expect(await listAllPartners(readModel, { managerId: alice.teammateId })).toEqual({ items: [expected[beta.partnerId]], nextCursor: null });
      expect(await ids({ managerId: 'unassigned' })).toEqual([delta.partnerId, gamma.partnerId]);
      expect(await ids({ status: 'offboarded' })).toEqual([beta.partnerId]);
      expect(await ids({ status: 'enabled' })).toEqual([acme.partnerId]);
      expect(await ids({ type: 'reseller' })).toEqual([acme.partnerId, gamma.partnerId]);
      expect(await ids({ tier: 'gold' })).toEqual([acme.partnerId]);
      expect(await ids({ tier: 'standard', type: 'reseller' })).toEqual([gamma.partnerId]);
      expect(await ids({ q: `ACME ${token.toUpperCase()}` })).toEqual([acme.partnerId]);
      expect(await ids({ q: `${token}%` })).toEqual([]);

      // Sorts, each against the order computed in memory.
      for (const sort of SORTS) {
        expect(await ids({ sort })).toEqual(sortedLike(all, sort));
      }
      expect(await ids({ sort: 'joinedAt' })).toEqual([
        ...[delta.partnerId, gamma.partnerId].sort(compareText),
        acme.partnerId,
        beta.partnerId,
      ]);
      expect((await ids({ sort: '-lastActivityAt' }))[0]).toBe(delta.partnerId);
      // Money sorts in another currency than the default, and paging by 1 through them.
      for (const sort of ['revenue', '-revenue', 'commissionsOutstanding', '-commissionsOutstanding'] as const) {
        expect(await ids({ sort, currency: 'EUR' })).toEqual(sortedLike(all, sort, 'EUR'));
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const current = await listAllPartners(readModel, { q: token, sort, currency: 'EUR', limit: 1, cursor });
          seen.push(...current.items.map((item) => item.partnerId));
          cursor = current.nextCursor ?? undefined;
        } while (cursor !== undefined);
        expect(seen).toEqual(sortedLike(all, sort, 'EUR'));
      }
      // Acme owes commissions in EUR only: first in euros, and in dollars last (all zero, ties by id descending).
      expect(await ids({ sort: '-commissionsOutstanding', currency: 'EUR' })).toEqual([acme, gamma, delta, beta].map((l) => l.partnerId));
      expect(await ids({ sort: '-commissionsOutstanding' })).toEqual([gamma, delta, beta, acme].map((l) => l.partnerId));

      // Paging by 2 gives every row once, in order, for every sort.
      for (const sort of SORTS) {
        const seen: string[] = [];
        let cursor: string | undefined;
        let pages = 0;
        do {
          const current = await listAllPartners(readModel, { q: token, sort, limit: 2, cursor });
          expect(current.items.length).toBeLessThanOrEqual(2);
          seen.push(...current.items.map((item) => item.partnerId));
          cursor = current.nextCursor ?? undefined;
          pages += 1;
        } while (cursor !== undefined);
        expect(seen).toEqual(sortedLike(all, sort));
        expect(pages).toBe(2);
      }

      // Malformed cursors, and a cursor of another sort, are refused.
      const first = await listAllPartners(readModel, { q: token, limit: 1 });
      expect(first.nextCursor).not.toBeNull();
      for (const cursor of ['***', 'bm90IGpzb24', Buffer.from('{"s":"name"}').toString('base64url')]) {
        await expect(listAllPartners(readModel, { cursor })).rejects.toBeInstanceOf(InvalidCursorError);
      }
      await expect(listAllPartners(readModel, { cursor: first.nextCursor as string, sort: 'joinedAt' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );
      // A money sort's cursor holds its currency: it does not page the same sort in another one.
      const inEuros = await listAllPartners(readModel, { q: token, sort: '-revenue', currency: 'EUR', limit: 1 });
      await expect(listAllPartners(readModel, { cursor: inEuros.nextCursor as string, sort: '-revenue' })).rejects.toBeInstanceOf(
        InvalidCursorError,
      );

      // Later changes across batches: payout of the open EUR commission, a reassignment.
      expect(await acme.run(store, pay(acme.partnerId, 'c2'))).toBe(true);
      expect(await delta.run(store, assign(delta.partnerId, alice))).toBe(true);
      await project();
      expect(await readPartnerRow(readModel, acme.partnerId)).toEqual({
        ...expected[acme.partnerId],
        commissionsPaid: { EUR: 5_000, USD: 10_000 },
        commissionsOutstanding: {},
        lastActivityAt: last(acme),
      });
      expect(await ids({ managerId: 'unassigned' })).toEqual([gamma.partnerId]);
      expect(await ids({ managerId: alice.teammateId })).toEqual([beta.partnerId, delta.partnerId]);

      // Filtered by a manager or unassigned, paging by 1 gives every matching row once, in order, for every sort.
      const everyone = (await listAllPartners(readModel, { q: token, limit: 200 })).items;
      for (const managerId of [alice.teammateId, bob.teammateId, 'unassigned']) {
        const matching = everyone.filter((item) => (managerId === 'unassigned' ? item.manager === null : item.manager?.id === managerId));
        expect(matching.length).toBeGreaterThan(0);
        for (const sort of SORTS) {
          const seen: AllPartnersItem[] = [];
          let cursor: string | undefined;
          do {
            const current = await listAllPartners(readModel, { q: token, managerId, sort, limit: 1, cursor });
            seen.push(...current.items);
            cursor = current.nextCursor ?? undefined;
          } while (cursor !== undefined);
          expect(seen.map((item) => item.partnerId)).toEqual(sortedLike(matching, sort));
          expect(seen).toEqual(sortedLike(matching, sort).map((id) => everyone.find((item) => item.partnerId === id)));
        }
      }
      expect(batchSizes.length).toBeGreaterThan(2);
    });

    it('always agrees with the figures computed from the events', async () => {
      const { store, readModel } = environment();
      await fc.assert(
        fc.asyncProperty(fc.array(commandSpec, { minLength: 1, maxLength: 50 }), async (specs) => {
          const ledgers = Array.from({ length: PARTNERS }, () => new PartnerLedger(uniqueId('p')));
          for (const ledger of ledgers) {
            for (const step of [select(ledger.partnerId, `Random ${ledger.partnerId}`), onboard(ledger.partnerId), enable(ledger.partnerId)]) {
              await ledger.run(store, step);
            }
          }
          for (const spec of specs) {
            const ledger = ledgers[spec.partner];
            await ledger.run(store, toCommand(ledger.partnerId, spec));
          }
          await project();
          for (const ledger of ledgers) {
            expect(figuresOf(await readPartnerRow(readModel, ledger.partnerId))).toEqual(expectedFigures(ledger));
          }
        }),
        {
          numRuns: 15,
          // One history that surely earns, pays, reverses and refers, in two currencies.
          examples: [
            [
              [
                { partner: 0, step: 'earn', item: 0, amount: money(100, 'EUR') },
                { partner: 0, step: 'earn', item: 1, amount: money(200, 'USD') },
                { partner: 0, step: 'pay', item: 0, amount: money(1, 'EUR') },
                { partner: 0, step: 'reverse', item: 1, amount: money(1, 'EUR') },
                { partner: 1, step: 'lead', item: 0, amount: money(1, 'EUR') },
                { partner: 1, step: 'earn', item: 2, amount: money(300, 'USD') },
              ],
            ],
          ],
        },
      );
      expect(Math.max(...batchSizes)).toBe(5);
    });
  });
}

describeOnEachStore('allp', describeAllPartnersProjection);
