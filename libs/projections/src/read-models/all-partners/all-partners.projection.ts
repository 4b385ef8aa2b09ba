import { isPartnershipEvent, type Money, type PartnershipStatus } from '@partnerships/domain';
import type { CopyValue, DecodedEvent, SqlClient } from '@partnerships/event-store';
import { foldingProjection, type CopyingClient, type NetChange } from '../../projection';
import { occurredAt } from '../event-fields';

/*
 * All Partners view: a row per partner (profile, lifecycle, manager id, joinedAt), a row per partner
 * with what nearly every event moves (lead count, last activity), a row per (partner, currency) with the money totals, and a row per teammate with the contact details
 * the query joins in. Its own teammates table keeps rebuilds independent of other projections.
 * Each batch is folded per key first (a partner is written at most once per table and batch), then
 * written with one statement per table and kind of change, its input as typed arrays (`unnest`);
 * money and lead counts are written as deltas added to the stored totals.
 */

export const ALL_PARTNERS_PARTNERS_TABLE = 'all_partners_partners';
export const ALL_PARTNERS_MONEY_TABLE = 'all_partners_money';
export const ALL_PARTNERS_TEAMMATES_TABLE = 'all_partners_teammates';
export const ALL_PARTNERS_ACTIVITY_TABLE = 'all_partners_activity';

/** A partner row as written; on an update, a null column means "unchanged". */
interface PartnerRow {
  readonly partner_id: string;
  name: string | null;
  name_key: string | null;
  status: PartnershipStatus | null;
  type: string | null;
  tier: string | null;
  manager_id: string | null;
  joined_at: string | null;
  /** On create, the count; on update, the delta. */
  lead_count: number;
  last_activity_at: string;
}

/** Deltas in minor units, kept as bigint so that a batch's sums stay exact. */
interface MoneyDelta {
  revenue: bigint;
  earned: bigint;
  paid: bigint;
}

interface TeammateRow {
  readonly teammate_id: string;
  readonly name: string;
  readonly email: string;
}

interface PendingPartner {
  readonly created: boolean;
  readonly row: PartnerRow;
}

function bigintMoney({ amountMinor, currency }: Money): { amountMinor: bigint; currency: string } {
  return { amountMinor: BigInt(amountMinor), currency };
}

/** The sort key of a name: case-insensitive, compared byte-wise (COLLATE "C"). */
export function nameKey(name: string): string {
  return name.toLowerCase();
}

/** Ids and currency codes never contain NUL, so the joined key cannot clash. */
function moneyKey(partnerId: string, currency: string): string {
  return `${partnerId}\u0000${currency}`;
}

function later(a: string, b: string): string {
  // Normalised ISO instants (years 0000-9999) order as strings.
  return a > b ? a : b;
}

/** The net effect per key of the events folded so far. */
interface Net {
  readonly partners: Map<string, PendingPartner>;
  readonly money: Map<string, MoneyDelta>;
  readonly teammates: Map<string, TeammateRow>;
}

function emptyNet(): Net {
  return { partners: new Map(), money: new Map(), teammates: new Map() };
}

/** Folds a batch into its net effect per key, in log order. */
function netChanges(events: readonly DecodedEvent[]): Net {
  const net = emptyNet();
  foldInto(net, events);
  return net;
}

/** Folds more events, later in the log, into `net`. */
function foldInto({ partners, money, teammates }: Net, events: readonly DecodedEvent[]): void {
  const addMoney = (partnerId: string, currency: string, delta: Partial<MoneyDelta>): void => {
    const key = moneyKey(partnerId, currency);
    let pending = money.get(key);
    if (pending === undefined) {
      pending = { revenue: 0n, earned: 0n, paid: 0n };
      money.set(key, pending);
    }
    pending.revenue += delta.revenue ?? 0n;
    pending.earned += delta.earned ?? 0n;
    pending.paid += delta.paid ?? 0n;
  };

  for (const event of events) {
    if (event.type === 'TeammateAdded') {
      const { teammateId, name, email } = event.data;
      teammates.set(teammateId, { teammate_id: teammateId, name, email });
      continue;
    }
    if (!isPartnershipEvent(event)) {
      continue;
    }
    const { partnerId } = event.data;
    const at = occurredAt(event);
    if (event.type === 'PartnerSelected') {
      const { name, type, tier } = event.data;
      partners.set(partnerId, {
        created: true,
        row: {
          partner_id: partnerId,
          name,
          name_key: nameKey(name),
          status: 'selected',
          type,
          tier,
          manager_id: null,
          joined_at: at,
          lead_count: 0,
          last_activity_at: at,
        },
      });
      continue;
    }
    let pending = partners.get(partnerId);
    if (pending === undefined) {
      pending = {
        created: false,
        row: {
          partner_id: partnerId,
          name: null,
          name_key: null,
          status: null,
          type: null,
          tier: null,
          manager_id: null,
          joined_at: null,
          lead_count: 0,
          last_activity_at: at,
        },
      };
      partners.set(partnerId, pending);
    }
    const { row } = pending;
    row.last_activity_at = later(row.last_activity_at, at);
    switch (event.type) {
      case 'PartnerOnboarded':
        row.status = 'onboarded';
        break;
      case 'PartnerEnabled':
        row.status = 'enabled';
        break;
      case 'PartnerOffboarded':
        row.status = 'offboarded';
        break;
      case 'PartnerManagerReassigned':
        row.manager_id = event.data.managerId;
        break;
      case 'PartnerTierChanged':
        row.tier = event.data.tier;
        break;
      case 'LeadReferred':
        row.lead_count += 1;
        break;
      case 'CommissionEarned': {
        const sale = bigintMoney(event.data.saleAmount);
        const commission = bigintMoney(event.data.commissionAmount);
        addMoney(partnerId, sale.currency, { revenue: sale.amountMinor });
        addMoney(partnerId, commission.currency, { earned: commission.amountMinor });
        break;
      }
      case 'CommissionReversed': {
        const sale = bigintMoney(event.data.saleAmount);
        const commission = bigintMoney(event.data.amount);
        addMoney(partnerId, sale.currency, { revenue: -sale.amountMinor });
        addMoney(partnerId, commission.currency, { earned: -commission.amountMinor });
        break;
      }
      case 'CommissionPaidOut': {
        const paid = bigintMoney(event.data.amount);
        addMoney(partnerId, paid.currency, { paid: paid.amountMinor });
        break;
      }
      default:
        // Invoices, MDF: only the last activity moves.
        break;
    }
  }
}

/*
 * Layout, chosen for the write path and the keyset queries:
 * - all_partners_partners: the rarely changing profile (name, status, type, tier, manager, joinedAt).
 *   Lifecycle, tier and manager changes are a handful per partner over its life.
 * - all_partners_activity: what nearly every event moves (last activity, lead count), with a copy of
 *   the manager for the lastActivityAt sort filtered by manager. Its rows are narrow and it has only
 *   the three indexes the queries need, so the per-event update (never HOT: last_activity_at is a
 *   sort key) writes 3 index entries instead of 8.
 * - all_partners_money: per (partner, currency) totals, no indexed column changes: HOT updates, helped
 *   by the fillfactor.
 * Every sort has an index (key, partner_id) and one (manager_id, key, partner_id), so a page,
 * filtered by a manager (or unassigned: manager_id IS NULL) or not, and its cursor are one index
 * range scan read in order. Status, type and tier have no index of their own: a page is read along
 * a sort index, and these few-valued filters are checked on its rows; an index on status or tier
 * would also make every lifecycle or tier change a non-HOT update of the profile row.
 */
const PARTNER_INDEXES: readonly [string, string][] = [
  ['name_idx', '(name_key, partner_id)'],
  ['joined_idx', '(joined_at, partner_id)'],
  ['manager_name_idx', '(manager_id, name_key, partner_id)'],
  ['manager_joined_idx', '(manager_id, joined_at, partner_id)'],
];

async function setup(tx: SqlClient): Promise<void> {
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE} (
      partner_id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL,
      name_key text COLLATE "C" NOT NULL,
      status text NOT NULL,
      type text NOT NULL,
      tier text NOT NULL,
      manager_id text,
      joined_at timestamptz NOT NULL
    ) WITH (fillfactor = 90);
    CREATE TABLE IF NOT EXISTS ${ALL_PARTNERS_ACTIVITY_TABLE} (
      partner_id text COLLATE "C" PRIMARY KEY,
      manager_id text,
      lead_count integer NOT NULL,
      last_activity_at timestamptz NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${ALL_PARTNERS_MONEY_TABLE} (
      partner_id text COLLATE "C" NOT NULL,
      currency text COLLATE "C" NOT NULL,
      revenue_minor bigint NOT NULL,
      earned_minor bigint NOT NULL,
      paid_minor bigint NOT NULL,
      PRIMARY KEY (partner_id, currency)
    ) WITH (fillfactor = 80);
    CREATE TABLE IF NOT EXISTS ${ALL_PARTNERS_TEAMMATES_TABLE} (
      teammate_id text PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL
    );
  `);
  await tx.exec(
    [
      ...PARTNER_INDEXES.map(
        ([suffix, columns]) => `CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_${suffix} ON ${ALL_PARTNERS_PARTNERS_TABLE} ${columns};`,
      ),
      `CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_ACTIVITY_TABLE}_activity_idx ON ${ALL_PARTNERS_ACTIVITY_TABLE} (last_activity_at, partner_id);`,
      `CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_ACTIVITY_TABLE}_manager_activity_idx ON ${ALL_PARTNERS_ACTIVITY_TABLE} (manager_id, last_activity_at, partner_id);`,
    ].join('\n'),
  );
}

/** Column arrays for `unnest`: one array per column, typed by the statement's casts. */
function columns<T, K extends keyof T>(rows: readonly T[], keys: readonly K[]): T[K][][] {
  return keys.map((key) => rows.map((row) => row[key]));
}

function netChange(): NetChange {
  const net = emptyNet();
  return {
    add: async (_tx, events) => foldInto(net, events),
    write: (tx) => write(tx, net),
    load: (tx) => load(tx, net),
    get size() {
      return net.partners.size + net.money.size + net.teammates.size;
    },
  };
}

/** The rows `write` would leave in empty tables: partners created in the fold, money and teammates. */
async function load(tx: CopyingClient, { partners, money, teammates }: Net): Promise<void> {
  await tx.copyRows(ALL_PARTNERS_TEAMMATES_TABLE, ['teammate_id', 'name', 'email'], [...teammates.values()].map((t) => [t.teammate_id, t.name, t.email]));
  const created = [...partners.values()].filter((pending) => pending.created).map(({ row }) => row);
  await tx.copyRows(
    ALL_PARTNERS_PARTNERS_TABLE,
    ['partner_id', 'name', 'name_key', 'status', 'type', 'tier', 'manager_id', 'joined_at'],
    created.map((r) => [r.partner_id, r.name, r.name_key, r.status, r.type, r.tier, r.manager_id, r.joined_at]),
  );
  await tx.copyRows(
    ALL_PARTNERS_ACTIVITY_TABLE,
    ['partner_id', 'manager_id', 'lead_count', 'last_activity_at'],
    created.map((r) => [r.partner_id, r.manager_id, r.lead_count, r.last_activity_at]),
  );
  const moneyRows: CopyValue[][] = [];
  for (const [key, delta] of money) {
    const [partnerId, currency] = key.split('\u0000');
    moneyRows.push([partnerId, currency, delta.revenue, delta.earned, delta.paid]);
  }
  await tx.copyRows(ALL_PARTNERS_MONEY_TABLE, ['partner_id', 'currency', 'revenue_minor', 'earned_minor', 'paid_minor'], moneyRows);
}

async function write(tx: SqlClient, { partners, money, teammates }: Net): Promise<void> {
  if (teammates.size > 0) {
    const rows = [...teammates.values()];
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_TEAMMATES_TABLE} (teammate_id, name, email)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
       ON CONFLICT (teammate_id) DO UPDATE SET name = excluded.name, email = excluded.email`,
      columns(rows, ['teammate_id', 'name', 'email']),
    );
  }

  const created: PartnerRow[] = [];
  /** Partners whose profile row changes (status, tier or manager). */
  const profiles: PartnerRow[] = [];
  const activity: PartnerRow[] = [];
  for (const pending of partners.values()) {
    const { row } = pending;
    if (pending.created) {
      created.push(row);
      continue;
    }
    activity.push(row);
    if (row.status !== null || row.tier !== null || row.manager_id !== null) {
      profiles.push(row);
    }
  }
  if (created.length > 0) {
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_PARTNERS_TABLE} (partner_id, name, name_key, status, type, tier, manager_id, joined_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::timestamptz[])
       ON CONFLICT (partner_id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, status = excluded.status,
         type = excluded.type, tier = excluded.tier, manager_id = excluded.manager_id, joined_at = excluded.joined_at`,
      columns(created, ['partner_id', 'name', 'name_key', 'status', 'type', 'tier', 'manager_id', 'joined_at']),
    );
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_ACTIVITY_TABLE} (partner_id, manager_id, lead_count, last_activity_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[])
       ON CONFLICT (partner_id) DO UPDATE SET manager_id = excluded.manager_id, lead_count = excluded.lead_count,
         last_activity_at = excluded.last_activity_at`,
      columns(created, ['partner_id', 'manager_id', 'lead_count', 'last_activity_at']),
    );
  }
  if (profiles.length > 0) {
    await tx.query(
      `UPDATE ${ALL_PARTNERS_PARTNERS_TABLE} AS p SET
         status = COALESCE(r.status, p.status),
         tier = COALESCE(r.tier, p.tier),
         manager_id = COALESCE(r.manager_id, p.manager_id)
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS r(partner_id, status, tier, manager_id)
       WHERE p.partner_id = r.partner_id`,
      columns(profiles, ['partner_id', 'status', 'tier', 'manager_id']),
    );
  }
  if (activity.length > 0) {
    await tx.query(
      `UPDATE ${ALL_PARTNERS_ACTIVITY_TABLE} AS a SET
         manager_id = COALESCE(r.manager_id, a.manager_id),
         lead_count = a.lead_count + r.lead_count,
         last_activity_at = GREATEST(a.last_activity_at, r.last_activity_at)
       FROM unnest($1::text[], $2::text[], $3::integer[], $4::timestamptz[]) AS r(partner_id, manager_id, lead_count, last_activity_at)
       WHERE a.partner_id = r.partner_id`,
      columns(activity, ['partner_id', 'manager_id', 'lead_count', 'last_activity_at']),
    );
  }

  if (money.size > 0) {
    const partnerIds: string[] = [];
    const currencies: string[] = [];
    const revenue: string[] = [];
    const earned: string[] = [];
    const paid: string[] = [];
    for (const [key, delta] of money) {
      const [partnerId, currency] = key.split('\u0000');
      partnerIds.push(partnerId);
      currencies.push(currency);
      revenue.push(delta.revenue.toString());
      earned.push(delta.earned.toString());
      paid.push(delta.paid.toString());
    }
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_MONEY_TABLE} (partner_id, currency, revenue_minor, earned_minor, paid_minor)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[], $4::bigint[], $5::bigint[])
       ON CONFLICT (partner_id, currency) DO UPDATE SET
         revenue_minor = ${ALL_PARTNERS_MONEY_TABLE}.revenue_minor + excluded.revenue_minor,
         earned_minor = ${ALL_PARTNERS_MONEY_TABLE}.earned_minor + excluded.earned_minor,
         paid_minor = ${ALL_PARTNERS_MONEY_TABLE}.paid_minor + excluded.paid_minor`,
      [partnerIds, currencies, revenue, earned, paid],
    );
  }
}

/** One row per partner for the All Partners view. Read with `listAllPartners`, `readPartnerRow`. */
export const allPartnersProjection = foldingProjection({
  name: 'all-partners',
  tables: [ALL_PARTNERS_PARTNERS_TABLE, ALL_PARTNERS_ACTIVITY_TABLE, ALL_PARTNERS_MONEY_TABLE, ALL_PARTNERS_TEAMMATES_TABLE],
  setup,
  netChange,
});

/** The same fold, for the as-of view that folds one partner's history into its row. */
export { netChanges as foldAllPartnersChanges };
