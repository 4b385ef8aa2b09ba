import { randomBytes } from 'node:crypto';
import {
  teammateSnapshot,
  type Money,
  type PartnershipCommand,
  type PartnershipEvent,
  type TeammateCommand,
  type TeammateEvent,
} from '@partnerships/domain';
import { type EventStore } from '@partnerships/event-store';
import fc from 'fast-check';
import { partnershipCommand } from '@partnerships/domain/testing';
import { deciderLedgers, uniqueId } from '../../testing/decider-ledger';
import { countedProjectionRun, describeOnEachStore, type ReadModelEnvironment } from '../../testing/read-model-harness';
import { managerPerformanceProjection } from './manager-performance.projection';
import {
  readManagerPerformance,
  type ManagerPerformanceAttribution,
  type ManagerPerformanceInterval,
  type ManagerPerformanceSeries,
} from './manager-performance.query';
import { uniqueCurrency } from '../../testing/unique-currency';

jest.setTimeout(120_000);

const now = new Date('2024-05-01T10:00:00Z');

/**
 * Every event appended by this file, in log order (appends are sequential), across both stores:
 * the in-memory computation filters by the run's own currency, and ids are unique per run.
 */
const appended: { readonly event: PartnershipEvent | TeammateEvent; readonly occurredAt: string }[] = [];

const { PartnerLedger, TeammateLedger } = deciderLedgers({ onAppend: (recorded) => appended.push(recorded) });
type PartnerLedger = InstanceType<typeof PartnerLedger>;
type TeammateLedger = InstanceType<typeof TeammateLedger>;

const select = (partnerId: string) =>
  partnershipCommand('SelectPartner', { partnerId, name: `Partner ${partnerId}`, contactEmail: 'contact@example.com', type: 'reseller' }, now);
const onboard = (partnerId: string) => partnershipCommand('OnboardPartner', { partnerId }, now);
const enable = (partnerId: string) => partnershipCommand('EnablePartner', { partnerId }, now);
const earn = (partnerId: string, commissionId: string, customerId: string, sale: Money) =>
  partnershipCommand(
    'EarnCommission',
    {
      partnerId,
      commissionId,
      customerId,
      saleAmount: sale,
      commissionAmount: { amountMinor: Math.floor(sale.amountMinor / 10), currency: sale.currency },
    },
    now,
  );
const reverse = (partnerId: string, commissionId: string) => partnershipCommand('ReverseCommission', { partnerId, commissionId, reason: 'refund' }, now);
const assign = (partnerId: string, manager: TeammateLedger) =>
  partnershipCommand('AssignManager', { partnerId, managerId: manager.teammateId, manager: teammateSnapshot(manager.state) }, now);
const addTeammate = (teammateId: string, name: string): TeammateCommand => ({
  type: 'AddTeammate',
  data: { teammateId, name, email: `${teammateId}@example.com`, role: 'teammate', actorRole: 'owner' },
  metadata: { now },
});

async function livePartner(store: EventStore, prefix: string): Promise<PartnerLedger> {
  const ledger = new PartnerLedger(uniqueId(prefix));
  for (const step of [select(ledger.partnerId), onboard(ledger.partnerId), enable(ledger.partnerId)]) {
    expect(await ledger.run(store, step)).toBe(true);
  }
  return ledger;
}

async function teammate(store: EventStore, prefix: string, name: string): Promise<TeammateLedger> {
  const ledger = new TeammateLedger(uniqueId(prefix));
  expect(await ledger.run(store, addTeammate(ledger.teammateId, name))).toBe(true);
  return ledger;
}

/** The UTC period of an instant, computed without SQL. */
function periodOf(occurredAt: string, interval: ManagerPerformanceInterval): string {
  if (interval === 'day') {
    return occurredAt.slice(0, 10);
  }
  if (interval === 'month') {
    return occurredAt.slice(0, 7);
  }
  const day = new Date(`${occurredAt.slice(0, 10)}T00:00:00.000Z`);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000).toISOString().slice(0, 10);
}

/** The chart computed straight from the appended events, in memory. */
function expectedSeries(options: {
  from: Date;
  to: Date;
  interval: ManagerPerformanceInterval;
  currency: string;
  attribution: ManagerPerformanceAttribution;
  names: ReadonlyMap<string, string>;
}): ManagerPerformanceSeries[] {
  const managers = new Map<string, string>();
  const customers = new Set<string>();
  const sales = new Map<
    string,
    { partnerId: string; manager: string | null; occurredAt: string; amount: Money; isNew: boolean; reversed: boolean }
  >();
  for (const { event, occurredAt } of appended) {
    if (event.type === 'PartnerManagerReassigned') {
      managers.set(event.data.partnerId, event.data.managerId);
    } else if (event.type === 'CommissionEarned') {
      const isNew = !customers.has(event.data.customerId);
      customers.add(event.data.customerId);
      sales.set(`${event.data.partnerId}/${event.data.commissionId}`, {
        partnerId: event.data.partnerId,
        manager: managers.get(event.data.partnerId) ?? null,
        occurredAt: new Date(occurredAt).toISOString(),
        amount: event.data.saleAmount,
        isNew,
        reversed: false,
      });
    } else if (event.type === 'CommissionReversed') {
      const sale = sales.get(`${event.data.partnerId}/${event.data.commissionId}`);
      if (sale) {
        sale.reversed = true;
      }
    }
  }
  const buckets = new Map<string | null, Map<string, { newRevenueMinor: number; totalRevenueMinor: number }>>();
  for (const sale of sales.values()) {
    const time = Date.parse(sale.occurredAt);
    if (sale.reversed || sale.amount.currency !== options.currency || time < options.from.getTime() || time >= options.to.getTime()) {
      continue;
    }
    const manager = options.attribution === 'at-event' ? sale.manager : (managers.get(sale.partnerId) ?? null);
    let periods = buckets.get(manager);
    if (periods === undefined) {
      periods = new Map();
      buckets.set(manager, periods);
    }
    const period = periodOf(sale.occurredAt, options.interval);
    const bucket = periods.get(period) ?? { newRevenueMinor: 0, totalRevenueMinor: 0 };
    bucket.totalRevenueMinor += sale.amount.amountMinor;
    if (sale.isNew) {
      bucket.newRevenueMinor += sale.amount.amountMinor;
    }
    periods.set(period, bucket);
  }
  const order = (a: string | null, b: string | null): number =>
    a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1;
  return [...buckets]
    .sort(([a], [b]) => order(a, b))
    .map(([managerId, periods]) => ({
      managerId,
      managerName: managerId === null ? null : (options.names.get(managerId) ?? null),
      buckets: [...periods]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([period, bucket]) => ({ period, ...bucket })),
    }));
}

function describeManagerPerformanceProjection(name: string, environment: () => ReadModelEnvironment): void {
  describe(`Manager performance projection on ${name}`, () => {
    const { batchSizes, project } = countedProjectionRun(managerPerformanceProjection, 4, environment);

    it('charts a scripted history per manager, attribution, interval and currency', async () => {
      const { store, readModel } = environment();
      const cur = uniqueCurrency();
      const other = uniqueCurrency();
      const customer = (label: string) => uniqueId(`cust-${label}`);
      const [x, y, z, w, r, v, q] = ['x', 'y', 'z', 'w', 'r', 'v', 'q'].map(customer);
      const alice = await teammate(store, 'alice', 'Alice Archer');
      const bob = await teammate(store, 'bob', 'Bob Baker');
      // Ids sort as alice < bob: the prefixes decide.
      const a = await livePartner(store, 'a');
      const b = await livePartner(store, 'b');
      const u = await livePartner(store, 'u');
      const script: [PartnerLedger, PartnershipCommand, string][] = [
        [a, assign(a.partnerId, alice), '2024-03-01T09:00:00Z'],
        [b, assign(b.partnerId, bob), '2024-03-01T09:00:00Z'],
        [a, earn(a.partnerId, 'c1', x, { amountMinor: 1_000, currency: cur }), '2024-03-05T10:00:00Z'],
        [a, earn(a.partnerId, 'c5', q, { amountMinor: 5_000, currency: other }), '2024-03-05T11:00:00Z'],
        // x buys again: total only.
        [a, earn(a.partnerId, 'c2', x, { amountMinor: 500, currency: cur }), '2024-03-10T23:59:59Z'],
        // A first purchase reversed: r's later purchase is still not new.
        [b, earn(b.partnerId, 'c3', r, { amountMinor: 800, currency: cur }), '2024-03-06T10:00:00Z'],
        [b, reverse(b.partnerId, 'c3'), '2024-03-07T10:00:00Z'],
        [b, earn(b.partnerId, 'c4', r, { amountMinor: 900, currency: cur }), '2024-03-08T10:00:00Z'],
        [u, earn(u.partnerId, 'c1', v, { amountMinor: 400, currency: cur }), '2024-03-12T00:00:00Z'],
        // Mid-month reassignment of a, from alice to bob.
        [a, assign(a.partnerId, bob), '2024-03-15T12:00:00Z'],
        [a, earn(a.partnerId, 'c3', y, { amountMinor: 2_000, currency: cur }), '2024-03-20T10:00:00Z'],
        // One week (Monday 2024-04-29) across two months.
        [b, earn(b.partnerId, 'c1', z, { amountMinor: 300, currency: cur }), '2024-04-30T22:00:00Z'],
        [b, earn(b.partnerId, 'c2', w, { amountMinor: 700, currency: cur }), '2024-05-02T01:00:00Z'],
      ];
      for (const [ledger, step, at] of script) {
        expect(await ledger.run(store, step, at)).toBe(true);
      }
      await project();

      const range = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') };
      const aliceSeries = { managerId: alice.teammateId, managerName: 'Alice Archer' };
      const bobSeries = { managerId: bob.teammateId, managerName: 'Bob Baker' };
      const unassigned = { managerId: null, managerName: null };
      const bucket = (period: string, newRevenueMinor: number, totalRevenueMinor: number) => ({ period, newRevenueMinor, totalRevenueMinor });

      expect(await readManagerPerformance(readModel, { ...range, interval: 'month', currency: cur, attribution: 'at-event' })).toEqual({
        interval: 'month',
        attribution: 'at-event',
        currency: cur,
        series: [
          { ...aliceSeries, buckets: [bucket('2024-03', 1_000, 1_500)] },
          { ...bobSeries, buckets: [bucket('2024-03', 2_000, 2_900), bucket('2024-04', 300, 300), bucket('2024-05', 700, 700)] },
          { ...unassigned, buckets: [bucket('2024-03', 400, 400)] },
        ],
      });
      expect(await readManagerPerformance(readModel, { ...range, interval: 'month', currency: cur, attribution: 'current' })).toEqual({
        interval: 'month',
        attribution: 'current',
        currency: cur,
        series: [
          { ...bobSeries, buckets: [bucket('2024-03', 3_000, 4_400), bucket('2024-04', 300, 300), bucket('2024-05', 700, 700)] },
          { ...unassigned, buckets: [bucket('2024-03', 400, 400)] },
        ],
      });
      expect((await readManagerPerformance(readModel, { ...range, interval: 'week', currency: cur, attribution: 'at-event' })).series).toEqual([
        { ...aliceSeries, buckets: [bucket('2024-03-04', 1_000, 1_500)] },
        { ...bobSeries, buckets: [bucket('2024-03-04', 0, 900), bucket('2024-03-18', 2_000, 2_000), bucket('2024-04-29', 1_000, 1_000)] },
        { ...unassigned, buckets: [bucket('2024-03-11', 400, 400)] },
      ]);
      expect((await readManagerPerformance(readModel, { ...range, interval: 'day', currency: cur, attribution: 'at-event' })).series).toEqual([
        { ...aliceSeries, buckets: [bucket('2024-03-05', 1_000, 1_000), bucket('2024-03-10', 0, 500)] },
        {
          ...bobSeries,
          buckets: [bucket('2024-03-08', 0, 900), bucket('2024-03-20', 2_000, 2_000), bucket('2024-04-30', 300, 300), bucket('2024-05-02', 700, 700)],
        },
        { ...unassigned, buckets: [bucket('2024-03-12', 400, 400)] },
      ]);
      // A window: from inclusive, to exclusive.
      const window = { from: new Date('2024-03-08T10:00:00Z'), to: new Date('2024-03-20T10:00:00Z') };
      expect((await readManagerPerformance(readModel, { ...window, interval: 'day', currency: cur, attribution: 'at-event' })).series).toEqual([
        { ...aliceSeries, buckets: [bucket('2024-03-10', 0, 500)] },
        { ...bobSeries, buckets: [bucket('2024-03-08', 0, 900)] },
        { ...unassigned, buckets: [bucket('2024-03-12', 400, 400)] },
      ]);
      // One manager's series, and the unassigned one.
      expect(
        (await readManagerPerformance(readModel, { ...range, interval: 'month', currency: cur, attribution: 'at-event', managerId: alice.teammateId }))
          .series,
      ).toEqual([{ ...aliceSeries, buckets: [bucket('2024-03', 1_000, 1_500)] }]);
      expect(
        (await readManagerPerformance(readModel, { ...range, interval: 'month', currency: cur, attribution: 'current', managerId: alice.teammateId }))
          .series,
      ).toEqual([]);
      expect(
        (await readManagerPerformance(readModel, { ...range, interval: 'month', currency: cur, attribution: 'current', managerId: 'unassigned' }))
          .series,
      ).toEqual([{ ...unassigned, buckets: [bucket('2024-03', 400, 400)] }]);
      // The other currency.
      expect((await readManagerPerformance(readModel, { ...range, interval: 'month', currency: other, attribution: 'current' })).series).toEqual([
        { ...bobSeries, buckets: [bucket('2024-03', 5_000, 5_000)] },
      ]);
      expect(Math.max(...batchSizes)).toBe(4);
    });

    it('always agrees with a computation over the events in memory', async () => {
      const { store, readModel } = environment();
      const spec = fc.record({
        kind: fc.constantFrom('assign', 'earn', 'earn', 'earn', 'reverse'),
        partner: fc.integer({ min: 0, max: 2 }),
        manager: fc.integer({ min: 0, max: 2 }),
        item: fc.integer({ min: 0, max: 4 }),
        customer: fc.integer({ min: 0, max: 3 }),
        amount: fc.integer({ min: 1, max: 100_000 }),
        otherCurrency: fc.boolean(),
        minutes: fc.integer({ min: 0, max: 120 * 24 * 60 }),
      });
      /** Runs whose answer had series, to show that the property compares real charts. */
      let charted = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(spec, { minLength: 1, maxLength: 30 }),
          fc.constantFrom<ManagerPerformanceInterval>('day', 'week', 'month'),
          fc.integer({ min: 0, max: 120 }),
          fc.integer({ min: 1, max: 120 }),
          async (specs, interval, fromDay, days) => {
            const cur = uniqueCurrency();
            const other = uniqueCurrency();
            const token = randomBytes(4).toString('hex');
            const managers = [];
            for (let i = 0; i < 3; i += 1) {
              managers.push(await teammate(store, `m${i}`, `Manager ${i} ${token}`));
            }
            const partners = [await livePartner(store, 'p'), await livePartner(store, 'p'), await livePartner(store, 'p')];
            const base = Date.parse('2024-01-01T00:00:00Z');
            for (const s of specs) {
              const partner = partners[s.partner];
              const at = new Date(base + s.minutes * 60_000).toISOString();
              const step =
                s.kind === 'assign'
                  ? assign(partner.partnerId, managers[s.manager])
                  : s.kind === 'earn'
                    ? earn(partner.partnerId, `c${s.item}`, `cust-${token}-${s.customer}`, {
                        amountMinor: s.amount,
                        currency: s.otherCurrency ? other : cur,
                      })
                    : reverse(partner.partnerId, `c${s.item}`);
              await partner.run(store, step, at);
            }
            await project();
            const names = new Map(managers.map((m, i) => [m.teammateId, `Manager ${i} ${token}`]));
            const from = new Date(base + fromDay * 86_400_000);
            const to = new Date(from.getTime() + days * 86_400_000);
            for (const attribution of ['at-event', 'current'] as const) {
              const answer = await readManagerPerformance(readModel, { from, to, interval, currency: cur, attribution });
              expect(answer.series).toEqual(expectedSeries({ from, to, interval, currency: cur, attribution, names }));
              charted += answer.series.length > 0 ? 1 : 0;
            }
          },
        ),
        // A fixed seed: the same programs on every store, and a run that charts something is certain.
        { numRuns: 15, seed: 20261122 },
      );
      expect(charted).toBeGreaterThan(0);
    });
  });
}

describeOnEachStore('mgrperf', describeManagerPerformanceProjection);
