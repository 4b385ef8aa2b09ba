import type { SqlClient } from '@partnerships/event-store';
import {
  MANAGER_PERFORMANCE_PARTNERS_TABLE,
  MANAGER_PERFORMANCE_SALES_TABLE,
  MANAGER_PERFORMANCE_TEAMMATES_TABLE,
} from '../read-models/manager-performance/manager-performance.projection';
import {
  UNASSIGNED_MANAGER,
  type ManagerPerformance,
  type ManagerPerformanceAttribution,
  type ManagerPerformanceInterval,
  type ManagerPerformanceOptions,
  seriesOf,
  type BucketRow,
} from '../read-models/manager-performance/manager-performance.query';

/*
 * Test only: the manager performance chart computed straight from the raw sales rows, as
 * `readManagerPerformance` did before the daily buckets. The reference the aggregated query must
 * equal for every history and window.
 */

const PERIOD_SQL: Readonly<Record<ManagerPerformanceInterval, string>> = {
  day: `to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
  // date_trunc('week') truncates to the ISO week's Monday.
  week: `to_char(date_trunc('week', s.occurred_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD')`,
  month: `to_char(s.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM')`,
};

const MANAGER_SQL: Readonly<Record<ManagerPerformanceAttribution, string>> = {
  'at-event': 's.manager_at_event',
  current: 'p.manager_id',
};

/** The chart from the sales table alone: the former query, unchanged. */
export async function readManagerPerformanceFromSales(client: SqlClient, options: ManagerPerformanceOptions): Promise<ManagerPerformance> {
  const { from, to, interval, currency, attribution, managerId } = options;
  const period = PERIOD_SQL[interval];
  const manager = MANAGER_SQL[attribution];
  const params: unknown[] = [currency, from.toISOString(), to.toISOString()];
  let managerFilter = '';
  if (managerId === UNASSIGNED_MANAGER) {
    managerFilter = `AND ${manager} IS NULL`;
  } else if (managerId !== undefined) {
    params.push(managerId);
    managerFilter = `AND ${manager} = $4`;
  }
  const { rows } = await client.query<BucketRow>(
    `SELECT b.manager_id, t.name AS manager_name, b.period, b.new_minor::text AS new_minor, b.total_minor::text AS total_minor
     FROM (
       SELECT ${manager} AS manager_id, ${period} AS period,
         SUM(CASE WHEN s.is_new THEN s.amount_minor ELSE 0 END) AS new_minor,
         SUM(s.amount_minor) AS total_minor
       FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s
       LEFT JOIN ${MANAGER_PERFORMANCE_PARTNERS_TABLE} AS p ON p.partner_id = s.partner_id
       WHERE s.currency = $1 AND s.occurred_at >= $2::timestamptz AND s.occurred_at < $3::timestamptz
         AND NOT s.reversed ${managerFilter}
       GROUP BY 1, 2
     ) AS b
     LEFT JOIN ${MANAGER_PERFORMANCE_TEAMMATES_TABLE} AS t ON t.teammate_id = b.manager_id
     ORDER BY b.manager_id COLLATE "C" NULLS LAST, b.period COLLATE "C"`,
    params,
  );
  return { interval, attribution, currency, series: seriesOf(rows) };
}
