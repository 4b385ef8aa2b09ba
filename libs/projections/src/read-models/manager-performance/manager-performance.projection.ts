import type { RecordedEvent, SqlClient } from '@partnerships/event-store';
import type { Projection } from '../../projection';
import { occurredAt, requireMoney, requireString } from '../event-fields';

/*
 * Partner manager performance: the facts at their finest grain, so that both attributions and
 * every interval are computed at query time.
 *
 * - a row per sale (CommissionEarned), keyed by (partner, commission): the manager the partner had
 *   when the sale was applied in log order (null: unassigned), its business time, currency,
 *   amount, whether it was the customer's first transaction in the program, and whether the
 *   commission was later reversed;
 * - a row per partner with its current manager (for the `current` attribution);
 * - a row per customer seen (program-wide, by customerId): a customer's first CommissionEarned in
 *   log order is its "new" sale; a reversal does not forget the customer, so later purchases
 *   never become new;
 * - a row per teammate, for the names.
 *
 * Each batch reads the stored state it needs (managers of its partners, customers already seen)
 * in one statement per table, folds the batch in log order in memory, then writes with one
 * statement per table and kind of change.
 */

export const MANAGER_PERFORMANCE_SALES_TABLE = 'manager_performance_sales';
export const MANAGER_PERFORMANCE_PARTNERS_TABLE = 'manager_performance_partners';
export const MANAGER_PERFORMANCE_CUSTOMERS_TABLE = 'manager_performance_customers';
export const MANAGER_PERFORMANCE_TEAMMATES_TABLE = 'manager_performance_teammates';

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

/** Ids never contain NUL, so the joined key cannot clash. */
function saleKey(partnerId: string, commissionId: string): string {
  return `${partnerId}\u0000${commissionId}`;
}

async function setup(tx: SqlClient): Promise<void> {
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
  `);
}

async function apply(tx: SqlClient, events: readonly RecordedEvent[]): Promise<void> {
  // What the batch needs from earlier batches: its selling partners' managers, its customers.
  const sellingPartners = new Set<string>();
  const batchCustomers = new Set<string>();
  for (const event of events) {
    if (event.type === 'CommissionEarned') {
      sellingPartners.add(requireString(event, 'partnerId'));
      batchCustomers.add(requireString(event, 'customerId'));
    }
  }
  const managers = new Map<string, string | null>();
  if (sellingPartners.size > 0) {
    const { rows } = await tx.query<{ partner_id: string; manager_id: string | null }>(
      `SELECT partner_id, manager_id FROM ${MANAGER_PERFORMANCE_PARTNERS_TABLE}
       WHERE partner_id IN (SELECT value FROM jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...sellingPartners])],
    );
    for (const row of rows) {
      managers.set(row.partner_id, row.manager_id);
    }
  }
  const seenCustomers = new Set<string>();
  if (batchCustomers.size > 0) {
    const { rows } = await tx.query<{ customer_id: string }>(
      `SELECT customer_id FROM ${MANAGER_PERFORMANCE_CUSTOMERS_TABLE}
       WHERE customer_id IN (SELECT value FROM jsonb_array_elements_text($1::jsonb))`,
      [JSON.stringify([...batchCustomers])],
    );
    for (const row of rows) {
      seenCustomers.add(row.customer_id);
    }
  }

  // Fold in log order.
  const changedManagers = new Map<string, string>();
  const newCustomers: string[] = [];
  const sales = new Map<string, SaleRow>();
  const reversedStored = new Map<string, { p: string; c: string }>();
  const teammates = new Map<string, { teammate_id: string; name: string }>();
  for (const event of events) {
    switch (event.type) {
      case 'TeammateAdded': {
        const teammateId = requireString(event, 'teammateId');
        teammates.set(teammateId, { teammate_id: teammateId, name: requireString(event, 'name') });
        break;
      }
      case 'PartnerManagerReassigned': {
        const partnerId = requireString(event, 'partnerId');
        const managerId = requireString(event, 'managerId');
        managers.set(partnerId, managerId);
        changedManagers.set(partnerId, managerId);
        break;
      }
      case 'CommissionEarned': {
        const partnerId = requireString(event, 'partnerId');
        const commissionId = requireString(event, 'commissionId');
        const customerId = requireString(event, 'customerId');
        const sale = requireMoney(event, 'saleAmount');
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
        const partnerId = requireString(event, 'partnerId');
        const commissionId = requireString(event, 'commissionId');
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
  if (sales.size > 0) {
    await tx.query(
      `INSERT INTO ${MANAGER_PERFORMANCE_SALES_TABLE}
         (partner_id, commission_id, manager_at_event, occurred_at, currency, amount_minor, is_new, reversed)
       SELECT partner_id, commission_id, manager_at_event, occurred_at::timestamptz, currency, amount_minor::bigint, is_new, reversed
       FROM jsonb_to_recordset($1::jsonb) AS r(partner_id text, commission_id text, manager_at_event text, occurred_at text,
         currency text, amount_minor text, is_new boolean, reversed boolean)
       ON CONFLICT (partner_id, commission_id) DO NOTHING`,
      [JSON.stringify([...sales.values()])],
    );
  }
  if (reversedStored.size > 0) {
    await tx.query(
      `UPDATE ${MANAGER_PERFORMANCE_SALES_TABLE} AS s SET reversed = true
       FROM jsonb_to_recordset($1::jsonb) AS r(p text, c text)
       WHERE s.partner_id = r.p AND s.commission_id = r.c`,
      [JSON.stringify([...reversedStored.values()])],
    );
  }
}

/** Sales per partner and manager, for the manager performance chart. Read with `readManagerPerformance`. */
export const managerPerformanceProjection: Projection = {
  name: 'manager-performance',
  tables: [MANAGER_PERFORMANCE_SALES_TABLE, MANAGER_PERFORMANCE_PARTNERS_TABLE, MANAGER_PERFORMANCE_CUSTOMERS_TABLE, MANAGER_PERFORMANCE_TEAMMATES_TABLE],
  setup,
  apply,
};
