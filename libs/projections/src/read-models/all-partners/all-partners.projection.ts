import { PARTNERSHIP_EVENT_TYPES } from '@partnerships/domain';
import type { RecordedEvent, SqlClient } from '@partnerships/event-store';
import type { Projection } from '../../projection';
import { occurredAt, requireMoney, requireString } from '../event-fields';

/*
 * All Partners view: a row per partner (profile, lifecycle, manager id, lead count, dates), a row
 * per (partner, currency) with the money totals, and a row per teammate with the contact details
 * the query joins in. Its own teammates table keeps rebuilds independent of other projections.
 * Each batch is folded per key first, then written with one statement per table and kind of
 * change; money and lead counts are written as deltas added to the stored totals.
 */

export const ALL_PARTNERS_PARTNERS_TABLE = 'all_partners_partners';
export const ALL_PARTNERS_MONEY_TABLE = 'all_partners_money';
export const ALL_PARTNERS_TEAMMATES_TABLE = 'all_partners_teammates';

const PARTNER_EVENT_TYPES: ReadonlySet<string> = new Set(PARTNERSHIP_EVENT_TYPES);

const STATUS_BY_EVENT: Readonly<Record<string, string>> = {
  PartnerOnboarded: 'onboarded',
  PartnerEnabled: 'enabled',
  PartnerOffboarded: 'offboarded',
};

/** A partner row as written; on an update, a null column means "unchanged". */
interface PartnerRow {
  readonly partner_id: string;
  name: string | null;
  name_key: string | null;
  status: string | null;
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

function requireBigintMoney(event: RecordedEvent, field: string): { amountMinor: bigint; currency: string } {
  const { amountMinor, currency } = requireMoney(event, field);
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

/** Folds a batch into its net effect per key, in log order. */
function netChanges(events: readonly RecordedEvent[]): {
  partners: Map<string, PendingPartner>;
  money: Map<string, MoneyDelta>;
  teammates: Map<string, TeammateRow>;
} {
  const partners = new Map<string, PendingPartner>();
  const money = new Map<string, MoneyDelta>();
  const teammates = new Map<string, TeammateRow>();

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
      const teammateId = requireString(event, 'teammateId');
      teammates.set(teammateId, { teammate_id: teammateId, name: requireString(event, 'name'), email: requireString(event, 'email') });
      continue;
    }
    if (!PARTNER_EVENT_TYPES.has(event.type)) {
      continue;
    }
    const partnerId = requireString(event, 'partnerId');
    const at = occurredAt(event);
    if (event.type === 'PartnerSelected') {
      const name = requireString(event, 'name');
      partners.set(partnerId, {
        created: true,
        row: {
          partner_id: partnerId,
          name,
          name_key: nameKey(name),
          status: 'selected',
          type: requireString(event, 'type'),
          tier: requireString(event, 'tier'),
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
    const status = STATUS_BY_EVENT[event.type];
    if (status !== undefined) {
      row.status = status;
      continue;
    }
    switch (event.type) {
      case 'PartnerManagerReassigned':
        row.manager_id = requireString(event, 'managerId');
        break;
      case 'PartnerTierChanged':
        row.tier = requireString(event, 'tier');
        break;
      case 'LeadReferred':
        row.lead_count += 1;
        break;
      case 'CommissionEarned': {
        const sale = requireBigintMoney(event, 'saleAmount');
        const commission = requireBigintMoney(event, 'commissionAmount');
        addMoney(partnerId, sale.currency, { revenue: sale.amountMinor });
        addMoney(partnerId, commission.currency, { earned: commission.amountMinor });
        break;
      }
      case 'CommissionReversed': {
        const sale = requireBigintMoney(event, 'saleAmount');
        const commission = requireBigintMoney(event, 'amount');
        addMoney(partnerId, sale.currency, { revenue: -sale.amountMinor });
        addMoney(partnerId, commission.currency, { earned: -commission.amountMinor });
        break;
      }
      case 'CommissionPaidOut': {
        const paid = requireBigintMoney(event, 'amount');
        addMoney(partnerId, paid.currency, { paid: paid.amountMinor });
        break;
      }
      default:
        // Invoices, MDF: only the last activity moves.
        break;
    }
  }
  return { partners, money, teammates };
}

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
      joined_at timestamptz NOT NULL,
      lead_count integer NOT NULL,
      last_activity_at timestamptz NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_manager_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (manager_id);
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_status_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (status);
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_type_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (type);
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_tier_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (tier);
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_name_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (name_key, partner_id);
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_joined_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (joined_at, partner_id);
    CREATE INDEX IF NOT EXISTS ${ALL_PARTNERS_PARTNERS_TABLE}_activity_idx ON ${ALL_PARTNERS_PARTNERS_TABLE} (last_activity_at, partner_id);
    CREATE TABLE IF NOT EXISTS ${ALL_PARTNERS_MONEY_TABLE} (
      partner_id text COLLATE "C" NOT NULL,
      currency text COLLATE "C" NOT NULL,
      revenue_minor bigint NOT NULL,
      earned_minor bigint NOT NULL,
      paid_minor bigint NOT NULL,
      PRIMARY KEY (partner_id, currency)
    );
    CREATE TABLE IF NOT EXISTS ${ALL_PARTNERS_TEAMMATES_TABLE} (
      teammate_id text PRIMARY KEY,
      name text NOT NULL,
      email text NOT NULL
    );
  `);
}

async function apply(tx: SqlClient, events: readonly RecordedEvent[]): Promise<void> {
  const { partners, money, teammates } = netChanges(events);

  if (teammates.size > 0) {
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_TEAMMATES_TABLE} (teammate_id, name, email)
       SELECT teammate_id, name, email FROM jsonb_to_recordset($1::jsonb) AS r(teammate_id text, name text, email text)
       ON CONFLICT (teammate_id) DO UPDATE SET name = excluded.name, email = excluded.email`,
      [JSON.stringify([...teammates.values()])],
    );
  }

  const created: PartnerRow[] = [];
  const updated: PartnerRow[] = [];
  for (const pending of partners.values()) {
    (pending.created ? created : updated).push(pending.row);
  }
  if (created.length > 0) {
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_PARTNERS_TABLE}
         (partner_id, name, name_key, status, type, tier, manager_id, joined_at, lead_count, last_activity_at)
       SELECT partner_id, name, name_key, status, type, tier, manager_id, joined_at::timestamptz, lead_count, last_activity_at::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, name text, name_key text, status text, type text, tier text,
         manager_id text, joined_at text, lead_count integer, last_activity_at text)
       ON CONFLICT (partner_id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, status = excluded.status,
         type = excluded.type, tier = excluded.tier, manager_id = excluded.manager_id, joined_at = excluded.joined_at,
         lead_count = excluded.lead_count, last_activity_at = excluded.last_activity_at`,
      [JSON.stringify(created)],
    );
  }
  if (updated.length > 0) {
    await tx.query(
      `UPDATE ${ALL_PARTNERS_PARTNERS_TABLE} AS p SET
         status = COALESCE(r.status, p.status),
         tier = COALESCE(r.tier, p.tier),
         manager_id = COALESCE(r.manager_id, p.manager_id),
         lead_count = p.lead_count + r.lead_count,
         last_activity_at = GREATEST(p.last_activity_at, r.last_activity_at::timestamptz)
       FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, status text, tier text, manager_id text, lead_count integer,
         last_activity_at text)
       WHERE p.partner_id = r.partner_id`,
      [JSON.stringify(updated.map(({ partner_id, status, tier, manager_id, lead_count, last_activity_at }) => ({
        partner_id,
        status,
        tier,
        manager_id,
        lead_count,
        last_activity_at,
      })))],
    );
  }

  if (money.size > 0) {
    const deltas = [...money].map(([key, delta]) => {
      const [partnerId, currency] = key.split('\u0000');
      return {
        partner_id: partnerId,
        currency,
        revenue: delta.revenue.toString(),
        earned: delta.earned.toString(),
        paid: delta.paid.toString(),
      };
    });
    await tx.query(
      `INSERT INTO ${ALL_PARTNERS_MONEY_TABLE} (partner_id, currency, revenue_minor, earned_minor, paid_minor)
       SELECT partner_id, currency, revenue::bigint, earned::bigint, paid::bigint
       FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, currency text, revenue text, earned text, paid text)
       ON CONFLICT (partner_id, currency) DO UPDATE SET
         revenue_minor = ${ALL_PARTNERS_MONEY_TABLE}.revenue_minor + excluded.revenue_minor,
         earned_minor = ${ALL_PARTNERS_MONEY_TABLE}.earned_minor + excluded.earned_minor,
         paid_minor = ${ALL_PARTNERS_MONEY_TABLE}.paid_minor + excluded.paid_minor`,
      [JSON.stringify(deltas)],
    );
  }
}

/** One row per partner for the All Partners view. Read with `listAllPartners`, `readPartnerRow`. */
export const allPartnersProjection: Projection = {
  name: 'all-partners',
  tables: [ALL_PARTNERS_PARTNERS_TABLE, ALL_PARTNERS_MONEY_TABLE, ALL_PARTNERS_TEAMMATES_TABLE],
  setup,
  apply,
};
