import type { SqlClient } from '@partnerships/event-store';
import {
  MANAGER_PERFORMANCE_PARTNERS_TABLE,
  MANAGER_PERFORMANCE_SALES_TABLE,
  MANAGER_PERFORMANCE_TEAMMATES_TABLE,
} from './manager-performance.projection';

export type ManagerPerformanceInterval = 'day' | 'week' | 'month';
export type ManagerPerformanceAttribution = 'at-event' | 'current';

export const MANAGER_PERFORMANCE_INTERVALS: readonly ManagerPerformanceInterval[] = ['day', 'week', 'month'];
export const MANAGER_PERFORMANCE_ATTRIBUTIONS: readonly ManagerPerformanceAttribution[] = ['at-event', 'current'];

/** `managerId: 'unassigned'` selects the series of sales without a manager. */
export const UNASSIGNED_MANAGER = 'unassigned';

export interface ManagerPerformanceOptions {
  /** Inclusive: sales with `occurredAt >= from`. */
  readonly from: Date;
  /** Exclusive: sales with `occurredAt < to`. */
  readonly to: Date;
  readonly interval: ManagerPerformanceInterval;
  readonly currency: string;
  readonly attribution: ManagerPerformanceAttribution;
  /** One manager's series, or `'unassigned'` for the unassigned one; all series when omitted. */
  readonly managerId?: string;
}

export interface ManagerPerformanceBucket {
  /** UTC: `YYYY-MM-DD` for day and week (the week's Monday), `YYYY-MM` for month. */
  readonly period: string;
  readonly newRevenueMinor: number;
  readonly totalRevenueMinor: number;
}

export interface ManagerPerformanceSeries {
  /** Null: the unassigned series. */
  readonly managerId: string | null;
  readonly managerName: string | null;
  readonly buckets: ManagerPerformanceBucket[];
}

export interface ManagerPerformance {
  readonly interval: ManagerPerformanceInterval;
  readonly attribution: ManagerPerformanceAttribution;
  readonly currency: string;
  readonly series: ManagerPerformanceSeries[];
}

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

interface BucketRow {
  readonly manager_id: string | null;
  readonly manager_name: string | null;
  readonly period: string;
  readonly new_minor: string;
  readonly total_minor: string;
}

/** Sums arrive as decimal text; an amount beyond the safe integers would lose precision as a number. */
function toSafeNumber(text: string): number {
  const value = BigInt(text);
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
    throw new RangeError(`revenue ${text} is beyond the safe integer range`);
  }
  return Number(value);
}

/**
 * New and total revenue per manager and period, in one currency. Reversed sales count nowhere;
 * only periods with a non-reversed sale appear, in order; series are ordered by manager id
 * (byte-wise) with the unassigned series last.
 */
export async function readManagerPerformance(client: SqlClient, options: ManagerPerformanceOptions): Promise<ManagerPerformance> {
  const { from, to, interval, currency, attribution, managerId } = options;
  const period = PERIOD_SQL[interval];
  const manager = MANAGER_SQL[attribution];
  if (period === undefined || manager === undefined) {
    throw new RangeError(`unknown interval ${String(interval)} or attribution ${String(attribution)}`);
  }
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
  const series: ManagerPerformanceSeries[] = [];
  let current: ManagerPerformanceSeries | undefined;
  for (const row of rows) {
    if (current === undefined || current.managerId !== row.manager_id) {
      current = { managerId: row.manager_id, managerName: row.manager_name, buckets: [] };
      series.push(current);
    }
    current.buckets.push({
      period: row.period,
      newRevenueMinor: toSafeNumber(row.new_minor),
      totalRevenueMinor: toSafeNumber(row.total_minor),
    });
  }
  return { interval, attribution, currency, series };
}
