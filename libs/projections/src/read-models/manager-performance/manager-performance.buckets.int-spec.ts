/*
 * The daily buckets against the raw sales: random histories written by the real deciders
 * (reassignments, reversals in the same batch as their sale and in later ones, unassigned sales,
 * zero amounts, two currencies), applied in random batch sizes (down to one event, so that
 * sales before and after a reassignment, and a sale and its reversal, share a batch or not), then
 * charted over random windows (day-aligned or not) for every interval, attribution and manager
 * filter. The chart read from the buckets must equal the one summed from the sales rows
 * (`readManagerPerformanceFromSales`, the former query), and the bucket tables must hold exactly
 * the sums of the live sales, with no empty bucket, whatever the batches were.
 */
import { randomBytes } from 'node:crypto';
import { teammateSnapshot, type Money, type TeammateCommand } from '@partnerships/domain';
import { compareLogPositions, decodeEvents, type RecordedEvent, type SqlClient, type EventStore } from '@partnerships/event-store';
import { settledHead } from '@partnerships/event-store/testing';
import fc from 'fast-check';
import { partnershipCommand } from '@partnerships/domain/testing';
import { SchemaScopedClient } from '../../rebuild/schema-scoped.client';
import { deciderLedgers, uniqueId } from '../../testing/decider-ledger';
import { readManagerPerformanceFromSales } from '../../testing/manager-performance.reference';
import { countedProjectionRun, describeOnEachStore, type ReadModelEnvironment } from '../../testing/read-model-harness';
import {
  MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE,
  MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE,
  MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE,
  MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE,
  MANAGER_PERFORMANCE_PARTNERS_TABLE,
  MANAGER_PERFORMANCE_SALES_TABLE,
  managerPerformanceProjection,
} from './manager-performance.projection';
import {
  MANAGER_PERFORMANCE_ATTRIBUTIONS,
  MANAGER_PERFORMANCE_INTERVALS,
  readManagerPerformance,
  UNASSIGNED_MANAGER,
  type ManagerPerformanceOptions,
} from './manager-performance.query';
import { uniqueCurrency } from '../../testing/unique-currency';

jest.setTimeout(300_000);

const now = new Date('2024-05-01T10:00:00Z');
const DAY_MS = 86_400_000;
const BASE = Date.parse('2024-01-01T00:00:00Z');

const { PartnerLedger, TeammateLedger } = deciderLedgers();
type PartnerLedger = InstanceType<typeof PartnerLedger>;
type TeammateLedger = InstanceType<typeof TeammateLedger>;

const earn = (partnerId: string, commissionId: string, customerId: string, sale: Money) =>
  partnershipCommand(
    'EarnCommission',
    {
      partnerId,
      commissionId,
      customerId,
      saleAmount: sale,
      commissionAmount: { amountMinor: Math.max(1, Math.floor(sale.amountMinor / 10)), currency: sale.currency },
    },
    now,
  );
const reverse = (partnerId: string, commissionId: string) => partnershipCommand('ReverseCommission', { partnerId, commissionId, reason: 'refund' }, now);
const assign = (partnerId: string, manager: TeammateLedger) =>
  partnershipCommand('AssignManager', { partnerId, managerId: manager.teammateId, manager: teammateSnapshot(manager.state) }, now);

async function livePartner(store: EventStore): Promise<PartnerLedger> {
  const ledger = new PartnerLedger(uniqueId('bp'));
  const steps = [
    partnershipCommand('SelectPartner', { partnerId: ledger.partnerId, name: 'Partner', contactEmail: 'contact@example.com', type: 'reseller' }, now),
    partnershipCommand('OnboardPartner', { partnerId: ledger.partnerId }, now),
    partnershipCommand('EnablePartner', { partnerId: ledger.partnerId }, now),
  ];
  for (const step of steps) {
    expect(await ledger.run(store, step)).toBe(true);
  }
  return ledger;
}

async function teammate(store: EventStore, name: string): Promise<TeammateLedger> {
  const ledger = new TeammateLedger(uniqueId('bm'));
  const add: TeammateCommand = {
    type: 'AddTeammate',
    data: { teammateId: ledger.teammateId, name, email: `${ledger.teammateId}@example.com`, role: 'teammate', actorRole: 'owner' },
    metadata: { now },
  };
  expect(await ledger.run(store, add)).toBe(true);
  return ledger;
}

/** Events after `after` up to the settled head, in log order. */
async function eventsAfter(store: EventStore, after: string): Promise<RecordedEvent[]> {
  const head = await settledHead(store);
  const events: RecordedEvent[] = [];
  let position: string = after;
  while (compareLogPositions(position, head) < 0) {
    const page = await store.readAll({ after: position, limit: 500 });
    events.push(...page);
    position = page.length > 0 ? page[page.length - 1].position : position;
  }
  return events;
}

/** The bucket tables' rows for `currencies`, and the same sums computed from the live sales. */
async function bucketsAndSums(client: SqlClient, currencies: readonly string[]): Promise<{ stored: string[]; summed: string[] }> {
  const sums = `SUM(CASE WHEN s.is_new THEN s.amount_minor ELSE 0 END)::bigint, SUM(s.amount_minor)::bigint, COUNT(*)::bigint`;
  const day = `(s.occurred_at AT TIME ZONE 'UTC')::date`;
  const month = `date_trunc('month', s.occurred_at AT TIME ZONE 'UTC')::date`;
  const inCurrencies = `currency IN (SELECT value FROM jsonb_array_elements_text($1::jsonb))`;
  const rows = async (sql: string) =>
    (await client.query<{ row: string }>(`SELECT row::text AS row FROM (${sql}) AS r(row) ORDER BY 1`, [JSON.stringify(currencies)])).rows.map(
      (r) => r.row,
    );
  const stored = await rows(`
    SELECT jsonb_build_array('at-event', manager_key, currency, day, new_minor, total_minor, sale_count)
      FROM ${MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE} WHERE ${inCurrencies}
    UNION ALL SELECT jsonb_build_array('partner', partner_id, currency, day, new_minor, total_minor, sale_count)
      FROM ${MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE} WHERE ${inCurrencies}
    UNION ALL SELECT jsonb_build_array('current', manager_key, currency, day, new_minor, total_minor, sale_count)
      FROM ${MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE} WHERE ${inCurrencies}
    UNION ALL SELECT jsonb_build_array('at-event month', manager_key, currency, day, new_minor, total_minor, sale_count)
      FROM ${MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE} WHERE ${inCurrencies}`);
  const summed = await rows(`
    SELECT jsonb_build_array('at-event', k, c, d, n, t, x) FROM (
      SELECT COALESCE(s.manager_at_event, ''), s.currency, ${day}, ${sums}
      FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s WHERE NOT s.reversed AND s.${inCurrencies} GROUP BY 1, 2, 3) AS a(k, c, d, n, t, x)
    UNION ALL SELECT jsonb_build_array('partner', k, c, d, n, t, x) FROM (
      SELECT s.partner_id, s.currency, ${day}, ${sums}
      FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s WHERE NOT s.reversed AND s.${inCurrencies} GROUP BY 1, 2, 3) AS b(k, c, d, n, t, x)
    UNION ALL SELECT jsonb_build_array('current', k, c, d, n, t, x) FROM (
      SELECT COALESCE(p.manager_id, ''), s.currency, ${day}, ${sums}
      FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s LEFT JOIN ${MANAGER_PERFORMANCE_PARTNERS_TABLE} AS p ON p.partner_id = s.partner_id
      WHERE NOT s.reversed AND s.${inCurrencies} GROUP BY 1, 2, 3) AS c(k, c, d, n, t, x)
    UNION ALL SELECT jsonb_build_array('at-event month', k, c, d, n, t, x) FROM (
      SELECT COALESCE(s.manager_at_event, ''), s.currency, ${month}, ${sums}
      FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s WHERE NOT s.reversed AND s.${inCurrencies} GROUP BY 1, 2, 3) AS m(k, c, d, n, t, x)`);
  return { stored, summed };
}

const window = fc.oneof(
  // Anywhere, to the millisecond.
  fc.record({ from: fc.integer({ min: -2 * DAY_MS, max: 64 * DAY_MS }), length: fc.integer({ min: 0, max: 45 * DAY_MS }) }),
  // Day-aligned.
  fc.record({ from: fc.integer({ min: -2, max: 64 }), length: fc.integer({ min: 0, max: 45 }) }).map(({ from, length }) => ({
    from: from * DAY_MS,
    length: length * DAY_MS,
  })),
  // Over whole months (the monthly buckets) with days, or parts of days, around them.
  fc.record({ from: fc.integer({ min: -40 * DAY_MS, max: 40 * DAY_MS }), length: fc.integer({ min: 28 * DAY_MS, max: 100 * DAY_MS }) }),
  // Within a day or two, across midnight or not.
  fc.record({ from: fc.integer({ min: 0, max: 60 * DAY_MS }), length: fc.integer({ min: 0, max: 2 * DAY_MS }) }),
);

function describeBuckets(name: string, environment: () => ReadModelEnvironment): void {
  describe(`Manager performance daily buckets on ${name}`, () => {
    const schema = `mp_buckets_${randomBytes(4).toString('hex')}`;
    /** A read model fed directly by `apply`, in the batches the property chooses. */
    let direct: SqlClient;
    const { project } = countedProjectionRun(managerPerformanceProjection, 3, environment);
    /** Every currency the property used, for the table-level checks. */
    const currencies: string[] = [];

    beforeAll(async () => {
      await environment().readModel.exec(`CREATE SCHEMA ${schema}`);
      direct = new SchemaScopedClient(environment().readModel, schema);
      await direct.transaction((tx) => managerPerformanceProjection.setup(tx));
    });

    afterAll(async () => {
      await environment().readModel.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });

    it('charts from the buckets exactly what the raw sales give, over random histories, batches and windows', async () => {
      const { store, readModel } = environment();
      const step = fc.record({
        kind: fc.constantFrom('assign', 'assign', 'earn', 'earn', 'earn', 'earn', 'reverse', 'reverse'),
        partner: fc.integer({ min: 0, max: 3 }),
        manager: fc.integer({ min: 0, max: 2 }),
        item: fc.integer({ min: 0, max: 7 }),
        customer: fc.integer({ min: 0, max: 4 }),
        amount: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 100_000 })),
        otherCurrency: fc.boolean(),
        // Few days, so that sales share days and weeks; some before 2024.
        minutes: fc.integer({ min: -2 * 24 * 60, max: 60 * 24 * 60 }),
      });
      let charted = 0;
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(step, { minLength: 1, maxLength: 40 }),
          fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 6 }),
          fc.array(window, { minLength: 2, maxLength: 3 }),
          fc.integer({ min: 0, max: 2 }),
          async (steps, batchSizes, windows, filteredManager) => {
            const cur = uniqueCurrency();
            const other = uniqueCurrency();
            currencies.push(cur, other);
            const token = randomBytes(4).toString('hex');
            const start = await settledHead(store);
            const managers: TeammateLedger[] = [];
            for (let i = 0; i < 3; i += 1) {
              managers.push(await teammate(store, `Manager ${i} ${token}`));
            }
            const partners: PartnerLedger[] = [];
            for (let i = 0; i < 4; i += 1) {
              partners.push(await livePartner(store));
            }
            for (const s of steps) {
              const partner = partners[s.partner];
              const at = new Date(BASE + s.minutes * 60_000 + (s.amount % 60_000)).toISOString();
              const next =
                s.kind === 'assign'
                  ? assign(partner.partnerId, managers[s.manager])
                  : s.kind === 'earn'
                    ? earn(partner.partnerId, `c${s.item}`, `cust-${token}-${s.customer}`, { amountMinor: s.amount, currency: s.otherCurrency ? other : cur })
                    : reverse(partner.partnerId, `c${s.item}`);
              await partner.run(store, next, at);
            }
            // The run's events, its teammates and partners included.
            const all = await eventsAfter(store, start);
            let offset = 0;
            for (let b = 0; offset < all.length; b += 1) {
              const batch = all.slice(offset, offset + batchSizes[b % batchSizes.length]);
              offset += batch.length;
              await direct.transaction((tx) => managerPerformanceProjection.apply(tx, decodeEvents(batch)));
            }
            await project();

            const { stored, summed } = await bucketsAndSums(direct, [cur, other]);
            expect(stored).toEqual(summed);
            // No manager by that id, and an empty id: no series (not the unassigned one).
            for (const managerId of ['nobody', '']) {
              const options: ManagerPerformanceOptions = { from: new Date(BASE), to: new Date(BASE + 61 * DAY_MS), interval: 'month', currency: cur, attribution: 'current', managerId };
              expect(await readManagerPerformance(direct, options)).toEqual(await readManagerPerformanceFromSales(direct, options));
            }
            const filters = [undefined, UNASSIGNED_MANAGER, managers[filteredManager].teammateId];
            for (const { from: fromOffset, length } of windows) {
              const from = new Date(BASE + fromOffset);
              const to = new Date(from.getTime() + length);
              for (const interval of MANAGER_PERFORMANCE_INTERVALS) {
                for (const attribution of MANAGER_PERFORMANCE_ATTRIBUTIONS) {
                  for (const managerId of filters) {
                    const options: ManagerPerformanceOptions = { from, to, interval, currency: cur, attribution, managerId };
                    const expected = await readManagerPerformanceFromSales(direct, options);
                    expect(await readManagerPerformance(direct, options)).toEqual(expected);
                    expect(await readManagerPerformance(readModel, options)).toEqual(expected);
                    compared += 1;
                    charted += expected.series.length > 0 ? 1 : 0;
                  }
                }
              }
            }
          },
        ),
        { numRuns: 40 },
      );
      expect(compared).toBeGreaterThan(0);
      expect(charted).toBeGreaterThan(0);
    });

    it('fills the daily and monthly buckets of a read model built before they existed, from its sales', async () => {
      const before = await bucketsAndSums(direct, currencies);
      expect(before.stored.length).toBeGreaterThan(0);
      for (const table of [MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE, MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE, MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE]) {
        await direct.exec(`DROP TABLE ${table}`);
      }
      await direct.transaction((tx) => managerPerformanceProjection.setup(tx));
      expect(await bucketsAndSums(direct, currencies)).toEqual(before);
      // A read model with daily buckets but no monthly ones yet.
      await direct.exec(`DROP TABLE ${MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE}`);
      await direct.transaction((tx) => managerPerformanceProjection.setup(tx));
      expect(await bucketsAndSums(direct, currencies)).toEqual(before);
      // And setup leaves existing buckets alone.
      await direct.transaction((tx) => managerPerformanceProjection.setup(tx));
      expect(await bucketsAndSums(direct, currencies)).toEqual(before);
    });
  });
}

describeOnEachStore('mgrbkt', describeBuckets);
