import type { CopyValue, DecodedEvent, SqlClient } from '@partnerships/event-store';
import { foldingProjection, type CopyingClient, type NetChange, type NetChangeOptions } from '../../projection';
import { occurredAt } from '../event-fields';

/*
 * Partner manager performance: the facts at their finest grain, and daily buckets kept up to date
 * from them so that the chart reads a few rows per manager and day instead of every sale.
 *
 * - a row per sale (CommissionEarned), keyed by (partner, commission): the manager the partner had
 *   when the sale was applied in log order (null: unassigned), its business time, currency,
 *   amount, whether it was the customer's first transaction in the program, and whether the
 *   commission was later reversed. Kept for reversals and for the partial days at the edges of a
 *   chart's window;
 * - a row per partner with its current manager (for the `current` attribution);
 * - a row per customer seen (program-wide, by customerId): a customer's first CommissionEarned in
 *   log order is its "new" sale; a reversal does not forget the customer, so later purchases
 *   never become new;
 * - a row per teammate, for the names;
 * - daily buckets, each the sums over the live (non-reversed) sales of its group: new revenue,
 *   total revenue and the number of live sales, per UTC day of `occurredAt` and currency:
 *   - per manager at the time of the sale (`at-event`),
 *   - per partner (what a reassignment moves),
 *   - per partner's current manager (`current`): the sum of its partners' per-partner buckets;
 *   and the same per manager at the time of the sale by UTC month, for charts by month (a year
 *   of them is twelve rows per manager). Manager keys are never null so that they can be in the primary key: '' is "unassigned" (ids
 *   are never empty). A bucket exists exactly while it has a live sale: `sale_count` says how many,
 *   and a bucket whose count drops to 0 is deleted. A count rather than the total because sale
 *   amounts may be 0 (the domain requires them non-negative, not positive): a live sale of 0
 *   still makes its period appear in the chart, as it does when the chart sums the sales. With
 *   empty buckets deleted, the tables are a function of the sales and managers alone, whatever
 *   the batches were: a rebuild yields the same rows as the live projection.
 *
 * Each batch reads the stored state it needs (managers of its partners, customers already seen,
 * the stored rows of the sales it earns or reverses) in one statement per table, folds the batch
 * in log order in memory, then writes with one statement per table and kind of change. The
 * buckets change by the difference between the stored sales rows before and after the batch (a
 * sale earned and reversed in the same batch adds nothing), plus, for the `current` buckets, the
 * move of each reassigned partner's stored per-partner buckets from the manager it had before the
 * batch to the one it has after it; the batch's own sales go straight to that final manager.
 */

export const MANAGER_PERFORMANCE_SALES_TABLE = 'manager_performance_sales';
export const MANAGER_PERFORMANCE_PARTNERS_TABLE = 'manager_performance_partners';
export const MANAGER_PERFORMANCE_CUSTOMERS_TABLE = 'manager_performance_customers';
export const MANAGER_PERFORMANCE_TEAMMATES_TABLE = 'manager_performance_teammates';
/** Daily buckets per manager at the time of the sale (`at-event`), currency and UTC day. */
export const MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE = 'manager_performance_at_event_days';
/**
 * Monthly buckets per manager at the time of the sale, currency and UTC month (`day` holds the
 * month's first day): a year's chart by month reads twelve rows per manager instead of 365. The
 * `at-event` attribution only, whose sales never move between managers.
 */
export const MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE = 'manager_performance_at_event_months';
/** Daily buckets per partner, currency and UTC day: what a reassignment moves between managers. */
export const MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE = 'manager_performance_partner_days';
/** Daily buckets per current manager (`current`), currency and UTC day. */
export const MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE = 'manager_performance_current_days';

/** The manager key of the unassigned buckets: ids are never empty. */
export const UNASSIGNED_MANAGER_KEY = '';

interface SaleRow {
  readonly partner_id: string;
  readonly commission_id: string;
  readonly manager_at_event: string | null;
  readonly occurred_at: string;
  readonly currency: string;
  /** Decimal string: written as bigint. */
  readonly amount_minor: string;
  readonly is_new: boolean;
  reversed: boolean;
}

/** One sale's contribution to the buckets, added (sign 1) or taken away (sign -1). */
interface BucketDelta {
  readonly partner_id: string;
  readonly at_event_key: string;
  readonly current_key: string;
  /** ISO instant; its UTC day is computed in SQL, as the query does. */
  readonly occurred_at: string;
  readonly currency: string;
  readonly new_minor: string;
  readonly total_minor: string;
  readonly sale_count: number;
}

/** A reassigned partner whose manager after the batch differs from the one before it. */
interface BucketMove {
  readonly partner_id: string;
  readonly old_key: string;
  readonly new_key: string;
}

/** Ids never contain NUL, so the joined key cannot clash. */
function saleKey(partnerId: string, commissionId: string): string {
  return `${partnerId}\u0000${commissionId}`;
}

function managerKey(managerId: string | null | undefined): string {
  return managerId ?? UNASSIGNED_MANAGER_KEY;
}

/** Columns of a daily bucket table, after its key columns. */
const BUCKET_COLUMNS = `
      currency text COLLATE "C" NOT NULL,
      day date NOT NULL,
      new_minor bigint NOT NULL,
      total_minor bigint NOT NULL,
      sale_count bigint NOT NULL`;

/** UTC day of a timestamptz column or expression, as the query computes it. */
function utcDay(expression: string): string {
  return `(${expression} AT TIME ZONE 'UTC')::date`;
}

/** First day of the UTC month of a timestamptz column or expression. */
function utcMonth(expression: string): string {
  return `date_trunc('month', ${expression} AT TIME ZONE 'UTC')::date`;
}

/** What a bucket table is keyed by besides currency and period, and how long its period is. */
type BucketGrain = typeof utcDay;

async function setup(tx: SqlClient): Promise<void> {
  // A read model built before the daily buckets existed gets them filled from its sales, once.
  const { rows: existing } = await tx.query<{ present: boolean }>(
    `SELECT to_regclass($1) IS NOT NULL AND to_regclass($2) IS NOT NULL AND to_regclass($3) IS NOT NULL AS present`,
    [MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE, MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE, MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE],
  );
  const bucketsExisted = existing[0]?.present === true;
  const { rows: months } = await tx.query<{ present: boolean }>(`SELECT to_regclass($1) IS NOT NULL AS present`, [
    MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE,
  ]);
  const monthsExisted = months[0]?.present === true;
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_SALES_TABLE} (
      partner_id text COLLATE "C" NOT NULL,
      commission_id text COLLATE "C" NOT NULL,
      manager_at_event text COLLATE "C",
      occurred_at timestamptz NOT NULL,
      currency text COLLATE "C" NOT NULL,
      amount_minor bigint NOT NULL,
      is_new boolean NOT NULL,
      reversed boolean NOT NULL,
      PRIMARY KEY (partner_id, commission_id)
    );
    CREATE INDEX IF NOT EXISTS ${MANAGER_PERFORMANCE_SALES_TABLE}_currency_time_idx
      ON ${MANAGER_PERFORMANCE_SALES_TABLE} (currency, occurred_at);
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_PARTNERS_TABLE} (
      partner_id text COLLATE "C" PRIMARY KEY,
      manager_id text COLLATE "C"
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_CUSTOMERS_TABLE} (
      customer_id text COLLATE "C" PRIMARY KEY
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_TEAMMATES_TABLE} (
      teammate_id text COLLATE "C" PRIMARY KEY,
      name text NOT NULL
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE} (
      manager_key text COLLATE "C" NOT NULL,${BUCKET_COLUMNS},
      PRIMARY KEY (currency, day, manager_key)
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE} (
      manager_key text COLLATE "C" NOT NULL,${BUCKET_COLUMNS},
      PRIMARY KEY (currency, day, manager_key)
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE} (
      partner_id text COLLATE "C" NOT NULL,${BUCKET_COLUMNS},
      PRIMARY KEY (partner_id, currency, day)
    );
    CREATE TABLE IF NOT EXISTS ${MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE} (
      manager_key text COLLATE "C" NOT NULL,${BUCKET_COLUMNS},
      PRIMARY KEY (currency, day, manager_key)
    );
  `);
  if (!bucketsExisted) {
    await backfillBuckets(tx);
  } else if (!monthsExisted) {
    await backfillMonths(tx);
  }
}

const LIVE_SALE_SUMS = `SUM(CASE WHEN s.is_new THEN s.amount_minor ELSE 0 END), SUM(s.amount_minor), COUNT(*)`;

/** Fills the (empty) monthly buckets from the stored sales. */
async function backfillMonths(tx: SqlClient): Promise<void> {
  await tx.exec(`
    DELETE FROM ${MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE};
    INSERT INTO ${MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE} (manager_key, currency, day, new_minor, total_minor, sale_count)
      SELECT COALESCE(s.manager_at_event, ''), s.currency, ${utcMonth('s.occurred_at')}, ${LIVE_SALE_SUMS}
      FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s WHERE NOT s.reversed GROUP BY 1, 2, 3;
  `);
}

/** Fills the (empty) daily and monthly buckets from the stored sales and managers. */
async function backfillBuckets(tx: SqlClient): Promise<void> {
  const sums = LIVE_SALE_SUMS;
  const live = `FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s`;
  await tx.exec(`
    DELETE FROM ${MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE};
    DELETE FROM ${MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE};
    DELETE FROM ${MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE};
    INSERT INTO ${MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE} (manager_key, currency, day, new_minor, total_minor, sale_count)
      SELECT COALESCE(s.manager_at_event, ''), s.currency, ${utcDay('s.occurred_at')}, ${sums}
      ${live} WHERE NOT s.reversed GROUP BY 1, 2, 3;
    INSERT INTO ${MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE} (partner_id, currency, day, new_minor, total_minor, sale_count)
      SELECT s.partner_id, s.currency, ${utcDay('s.occurred_at')}, ${sums}
      ${live} WHERE NOT s.reversed GROUP BY 1, 2, 3;
    INSERT INTO ${MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE} (manager_key, currency, day, new_minor, total_minor, sale_count)
      SELECT COALESCE(p.manager_id, ''), s.currency, ${utcDay('s.occurred_at')}, ${sums}
      ${live} LEFT JOIN ${MANAGER_PERFORMANCE_PARTNERS_TABLE} AS p ON p.partner_id = s.partner_id
      WHERE NOT s.reversed GROUP BY 1, 2, 3;
  `);
  await backfillMonths(tx);
}

/**
 * The net effect of the events folded so far. `storedManagers` and `checkedCustomers` hold what
 * was read of the stored rows (the managers of the partners the fold met before it, the customers
 * it met that were already seen); `managers` is each of those partners' manager as of the fold.
 */
interface Net {
  readonly storedManagers: Map<string, string | null>;
  readonly checkedPartners: Set<string>;
  readonly checkedCustomers: Set<string>;
  readonly seenCustomers: Set<string>;
  readonly managers: Map<string, string | null>;
  readonly changedManagers: Map<string, string>;
  readonly newCustomers: string[];
  readonly sales: Map<string, SaleRow>;
  readonly reversedStored: Map<string, { p: string; c: string }>;
  readonly teammates: Map<string, { teammate_id: string; name: string }>;
}

function emptyNet(): Net {
  return {
    storedManagers: new Map(),
    checkedPartners: new Set(),
    checkedCustomers: new Set(),
    seenCustomers: new Set(),
    managers: new Map(),
    changedManagers: new Map(),
    newCustomers: [],
    sales: new Map(),
    reversedStored: new Map(),
    teammates: new Map(),
  };
}

/**
 * Reads what the events need from before the fold and it has not read yet: the managers of the
 * partners they sell for, reverse for or reassign (the `current` buckets go to a partner's manager
 * after the fold), and whether their customers were already seen.
 */
async function readStored(tx: SqlClient, net: Net, events: readonly DecodedEvent[]): Promise<void> {
  const partners = new Set<string>();
  const customers = new Set<string>();
  for (const event of events) {
    if (event.type === 'CommissionEarned' || event.type === 'CommissionReversed' || event.type === 'PartnerManagerReassigned') {
      const partnerId = event.data.partnerId;
      if (!net.checkedPartners.has(partnerId)) partners.add(partnerId);
      if (event.type === 'CommissionEarned') {
        const customerId = event.data.customerId;
        if (!net.checkedCustomers.has(customerId)) customers.add(customerId);
      }
    }
  }
  if (partners.size > 0) {
    const { rows } = await tx.query<{ partner_id: string; manager_id: string | null }>(
      `SELECT partner_id, manager_id FROM ${MANAGER_PERFORMANCE_PARTNERS_TABLE}
       WHERE partner_id IN (SELECT value FROM jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...partners])],
    );
    for (const row of rows) {
      net.storedManagers.set(row.partner_id, row.manager_id);
      if (!net.managers.has(row.partner_id)) net.managers.set(row.partner_id, row.manager_id);
    }
    for (const partnerId of partners) net.checkedPartners.add(partnerId);
  }
  if (customers.size > 0) {
    const { rows } = await tx.query<{ customer_id: string }>(
      `SELECT customer_id FROM ${MANAGER_PERFORMANCE_CUSTOMERS_TABLE}
       WHERE customer_id IN (SELECT value FROM jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...customers])],
    );
    for (const row of rows) net.seenCustomers.add(row.customer_id);
    for (const customerId of customers) net.checkedCustomers.add(customerId);
  }
}

/** Folds events in log order into `net`, whose stored state `readStored` has read. */
function foldInto(net: Net, events: readonly DecodedEvent[]): void {
  const { managers, changedManagers, seenCustomers, newCustomers, sales, reversedStored, teammates } = net;
  for (const event of events) {
    switch (event.type) {
      case 'TeammateAdded': {
        const teammateId = event.data.teammateId;
        teammates.set(teammateId, { teammate_id: teammateId, name: event.data.name });
        break;
      }
      case 'PartnerManagerReassigned': {
        const partnerId = event.data.partnerId;
        const managerId = event.data.managerId;
        managers.set(partnerId, managerId);
        changedManagers.set(partnerId, managerId);
        break;
      }
      case 'CommissionEarned': {
        const partnerId = event.data.partnerId;
        const commissionId = event.data.commissionId;
        const customerId = event.data.customerId;
        const sale = event.data.saleAmount;
        const isNew = !seenCustomers.has(customerId);
        if (isNew) {
          seenCustomers.add(customerId);
          newCustomers.push(customerId);
        }
        sales.set(saleKey(partnerId, commissionId), {
          partner_id: partnerId,
          commission_id: commissionId,
          manager_at_event: managers.get(partnerId) ?? null,
          occurred_at: occurredAt(event),
          currency: sale.currency,
          amount_minor: String(sale.amountMinor),
          is_new: isNew,
          reversed: false,
        });
        break;
      }
      case 'CommissionReversed': {
        const partnerId = event.data.partnerId;
        const commissionId = event.data.commissionId;
        const key = saleKey(partnerId, commissionId);
        const pending = sales.get(key);
        if (pending) {
          pending.reversed = true;
        } else {
          reversedStored.set(key, { p: partnerId, c: commissionId });
        }
        break;
      }
      default:
        break;
    }
  }
}

function netChange(options?: NetChangeOptions): NetChange {
  const net = emptyNet();
  return {
    async add(tx, events) {
      if (options?.tablesEmpty !== true) await readStored(tx, net, events);
      foldInto(net, events);
    },
    write: (tx) => write(tx, net),
    load: (tx) => load(tx, net),
    get size() {
      return net.checkedPartners.size + net.checkedCustomers.size + net.seenCustomers.size + net.managers.size + net.sales.size + net.reversedStored.size + net.teammates.size;
    },
  };
}

/**
 * The rows `write` would leave in empty tables: the sales (reversed when their reversal came
 * first, as the stored-row update does), partners reassigned, customers and teammates; then the
 * buckets summed from them, as a read model made before the buckets gets them.
 */
async function load(tx: CopyingClient, net: Net): Promise<void> {
  await tx.copyRows(MANAGER_PERFORMANCE_TEAMMATES_TABLE, ['teammate_id', 'name'], [...net.teammates.values()].map((t) => [t.teammate_id, t.name]));
  await tx.copyRows(MANAGER_PERFORMANCE_PARTNERS_TABLE, ['partner_id', 'manager_id'], [...net.changedManagers]);
  await tx.copyRows(MANAGER_PERFORMANCE_CUSTOMERS_TABLE, ['customer_id'], net.newCustomers.map((customerId) => [customerId]));
  const sales: CopyValue[][] = [];
  for (const [key, s] of net.sales) {
    const reversed = s.reversed || net.reversedStored.has(key);
    sales.push([s.partner_id, s.commission_id, s.manager_at_event, s.occurred_at, s.currency, s.amount_minor, s.is_new, reversed]);
  }
  await tx.copyRows(
    MANAGER_PERFORMANCE_SALES_TABLE,
    ['partner_id', 'commission_id', 'manager_at_event', 'occurred_at', 'currency', 'amount_minor', 'is_new', 'reversed'],
    sales,
  );
  await backfillBuckets(tx);
}

async function write(tx: SqlClient, net: Net): Promise<void> {
  const { storedManagers, managers, changedManagers, newCustomers, sales, reversedStored, teammates } = net;
  if (teammates.size > 0) {
    await tx.query(
      `INSERT INTO ${MANAGER_PERFORMANCE_TEAMMATES_TABLE} (teammate_id, name)
       SELECT teammate_id, name FROM jsonb_to_recordset($1::jsonb) AS r(teammate_id text, name text)
       ON CONFLICT (teammate_id) DO UPDATE SET name = excluded.name`,
      [JSON.stringify([...teammates.values()])],
    );
  }
  if (changedManagers.size > 0) {
    await tx.query(
      `INSERT INTO ${MANAGER_PERFORMANCE_PARTNERS_TABLE} (partner_id, manager_id)
       SELECT partner_id, manager_id FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, manager_id text)
       ON CONFLICT (partner_id) DO UPDATE SET manager_id = excluded.manager_id`,
      [JSON.stringify([...changedManagers].map(([partner_id, manager_id]) => ({ partner_id, manager_id })))],
    );
  }
  if (newCustomers.length > 0) {
    await tx.query(
      `INSERT INTO ${MANAGER_PERFORMANCE_CUSTOMERS_TABLE} (customer_id)
       SELECT value FROM jsonb_array_elements_text($1::jsonb)
       ON CONFLICT (customer_id) DO NOTHING`,
      [JSON.stringify(newCustomers)],
    );
  }

  // The buckets follow the sales rows: whatever this batch makes live adds, whatever it makes
  // reversed subtracts. Both statements say which rows they changed, so a sale already stored
  // (not inserted again) or already reversed (not reversed again) changes nothing.
  const deltas: BucketDelta[] = [];
  const bucketDelta = (sale: SaleRow, sign: 1 | -1): BucketDelta => {
    const signed = (amount: string) => (BigInt(sign) * BigInt(amount)).toString();
    return {
      partner_id: sale.partner_id,
      at_event_key: managerKey(sale.manager_at_event),
      current_key: managerKey(managers.get(sale.partner_id)),
      occurred_at: sale.occurred_at,
      currency: sale.currency,
      new_minor: sale.is_new ? signed(sale.amount_minor) : '0',
      total_minor: signed(sale.amount_minor),
      sale_count: sign,
    };
  };
  if (sales.size > 0) {
    const { rows } = await tx.query<{ partner_id: string; commission_id: string }>(
      `INSERT INTO ${MANAGER_PERFORMANCE_SALES_TABLE}
         (partner_id, commission_id, manager_at_event, occurred_at, currency, amount_minor, is_new, reversed)
       SELECT partner_id, commission_id, manager_at_event, occurred_at::timestamptz, currency, amount_minor::bigint, is_new, reversed
       FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, commission_id text, manager_at_event text, occurred_at text,
         currency text, amount_minor text, is_new boolean, reversed boolean)
       ON CONFLICT (partner_id, commission_id) DO NOTHING
       RETURNING partner_id, commission_id`,
      [JSON.stringify([...sales.values()])],
    );
    for (const row of rows) {
      const sale = sales.get(saleKey(row.partner_id, row.commission_id));
      if (sale !== undefined && !sale.reversed) {
        deltas.push(bucketDelta(sale, 1));
      }
    }
  }
  if (reversedStored.size > 0) {
    // Also reaches a row inserted just above (a reversal logged before its sale, in one batch):
    // that row was added above and is subtracted here.
    const { rows } = await tx.query<Omit<SaleRow, 'reversed'>>(
      `UPDATE ${MANAGER_PERFORMANCE_SALES_TABLE} AS s SET reversed = true
       FROM jsonb_to_recordset($1::jsonb) AS r(p text, c text)
       WHERE s.partner_id = r.p AND s.commission_id = r.c AND NOT s.reversed
       RETURNING s.partner_id, s.commission_id, s.manager_at_event, s.occurred_at::text AS occurred_at, s.currency,
         s.amount_minor::text AS amount_minor, s.is_new`,
      [JSON.stringify([...reversedStored.values()])],
    );
    for (const row of rows) {
      deltas.push(bucketDelta({ ...row, reversed: true }, -1));
    }
  }

  // A reassigned partner's stored buckets move from its manager before the batch to its manager
  // after it (earlier assignments within the batch leave no trace in `current`).
  const moves: BucketMove[] = [];
  for (const [partnerId, managerId] of changedManagers) {
    const oldKey = managerKey(storedManagers.get(partnerId));
    if (oldKey !== managerId) {
      moves.push({ partner_id: partnerId, old_key: oldKey, new_key: managerId });
    }
  }

  // `current` first: the moves read the per-partner buckets as they were before this batch.
  await changeBuckets(tx, MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE, 'manager_key', 'current_key', deltas, moves);
  await changeBuckets(tx, MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE, 'partner_id', 'partner_id', deltas, []);
  await changeBuckets(tx, MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE, 'manager_key', 'at_event_key', deltas, []);
  await changeBuckets(tx, MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE, 'manager_key', 'at_event_key', deltas, [], utcMonth);
}

/**
 * Adds the deltas (and, for the `current` buckets, the moves of per-partner buckets) to `table`,
 * keyed by `keyColumn` taken from the delta's `deltaKey`, in one upsert; then deletes the buckets
 * left without a live sale, in one statement if there are any.
 */
async function changeBuckets(
  tx: SqlClient,
  table: string,
  keyColumn: 'manager_key' | 'partner_id',
  deltaKey: 'current_key' | 'partner_id' | 'at_event_key',
  deltas: readonly BucketDelta[],
  moves: readonly BucketMove[],
  period: BucketGrain = utcDay,
): Promise<void> {
  if (deltas.length === 0 && moves.length === 0) {
    return;
  }
  const conflict = keyColumn === 'manager_key' ? '(currency, day, manager_key)' : '(partner_id, currency, day)';
  const { rows: emptied } = await tx.query<{ key: string; currency: string; day: string }>(
    `WITH changes (key, currency, day, new_minor, total_minor, sale_count) AS (
       SELECT d.${deltaKey}, d.currency, ${period('d.occurred_at::timestamptz')}, d.new_minor::bigint, d.total_minor::bigint, d.sale_count::bigint
       FROM jsonb_to_recordset($1::jsonb) AS d(${deltaKey} text, currency text, occurred_at text, new_minor text, total_minor text, sale_count int)
       UNION ALL
       SELECT CASE WHEN sign.v = 1 THEN m.new_key ELSE m.old_key END, pd.currency, pd.day,
         sign.v * pd.new_minor, sign.v * pd.total_minor, sign.v * pd.sale_count
       FROM jsonb_to_recordset($2::jsonb) AS m(partner_id text, old_key text, new_key text)
       JOIN ${MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE} AS pd ON pd.partner_id = m.partner_id
       CROSS JOIN (VALUES (1::bigint), (-1::bigint)) AS sign(v)
     ), summed AS (
       SELECT key, currency, day, SUM(new_minor) AS new_minor, SUM(total_minor) AS total_minor, SUM(sale_count) AS sale_count
       FROM changes
       GROUP BY key, currency, day
       HAVING SUM(new_minor) <> 0 OR SUM(total_minor) <> 0 OR SUM(sale_count) <> 0
     ), upserted AS (
       INSERT INTO ${table} AS t (${keyColumn}, currency, day, new_minor, total_minor, sale_count)
       SELECT key, currency, day, new_minor, total_minor, sale_count FROM summed
       ON CONFLICT ${conflict} DO UPDATE SET
         new_minor = t.new_minor + excluded.new_minor,
         total_minor = t.total_minor + excluded.total_minor,
         sale_count = t.sale_count + excluded.sale_count
       RETURNING t.${keyColumn} AS key, t.currency, t.day, t.sale_count
     )
     SELECT key, currency, day::text AS day FROM upserted WHERE sale_count = 0`,
    [JSON.stringify(deltas), JSON.stringify(moves)],
  );
  if (emptied.length > 0) {
    await tx.query(
      `DELETE FROM ${table} AS t
       USING jsonb_to_recordset($1::jsonb) AS z(key text, currency text, day date)
       WHERE t.${keyColumn} = z.key AND t.currency = z.currency AND t.day = z.day AND t.sale_count = 0`,
      [JSON.stringify(emptied)],
    );
  }
}

/** Sales per partner and manager, and their daily buckets, for the manager performance chart. Read with `readManagerPerformance`. */
export const managerPerformanceProjection = foldingProjection({
  name: 'manager-performance',
  tables: [
    MANAGER_PERFORMANCE_SALES_TABLE,
    MANAGER_PERFORMANCE_PARTNERS_TABLE,
    MANAGER_PERFORMANCE_CUSTOMERS_TABLE,
    MANAGER_PERFORMANCE_TEAMMATES_TABLE,
    MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE,
    MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE,
    MANAGER_PERFORMANCE_PARTNER_DAYS_TABLE,
    MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE,
  ],
  setup,
  netChange,
});
