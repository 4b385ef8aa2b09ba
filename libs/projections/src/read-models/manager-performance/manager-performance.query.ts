import type { SqlClient } from '@partnerships/event-store';
import {
  MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE,
  MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE,
  MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE,
  MANAGER_PERFORMANCE_PARTNERS_TABLE,
  MANAGER_PERFORMANCE_SALES_TABLE,
  MANAGER_PERFORMANCE_TEAMMATES_TABLE,
  UNASSIGNED_MANAGER_KEY,
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

/**
 * The period of a UTC day (a `date`), per interval: first its start (cheap to group by), then
 * its label, formatted once per period rather than once per day.
 */
const PERIOD_SQL: Readonly<Record<ManagerPerformanceInterval, { readonly start: (day: string) => string; readonly format: string }>> = {
  day: { start: (day) => `${day}::timestamp`, format: 'YYYY-MM-DD' },
  // date_trunc('week') truncates to the ISO week's Monday.
  week: { start: (day) => `date_trunc('week', ${day}::timestamp)`, format: 'YYYY-MM-DD' },
  month: { start: (day) => `date_trunc('month', ${day}::timestamp)`, format: 'YYYY-MM' },
};

/** The daily buckets and, for the edges, the sales' manager key, per attribution ('' is unassigned). */
const ATTRIBUTION_SQL: Readonly<Record<ManagerPerformanceAttribution, { readonly days: string; readonly saleKey: string }>> = {
  'at-event': { days: MANAGER_PERFORMANCE_AT_EVENT_DAYS_TABLE, saleKey: `COALESCE(s.manager_at_event, '')` },
  current: { days: MANAGER_PERFORMANCE_CURRENT_DAYS_TABLE, saleKey: `COALESCE(p.manager_id, '')` },
};

const DAY_MS = 86_400_000;

export interface BucketRow {
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
 * [from, to) cut into whole UTC days (answered from the daily buckets) and the partial days at
 * its edges (answered from the sales). Empty ranges are [x, x).
 */
function splitWindow(from: Date, to: Date): { days: [Date, Date]; edges: [[Date, Date], [Date, Date]] } {
  const start = from.getTime();
  const end = to.getTime();
  const firstWholeDay = Math.ceil(start / DAY_MS) * DAY_MS;
  const endOfWholeDays = Math.floor(end / DAY_MS) * DAY_MS;
  if (!(firstWholeDay < endOfWholeDays)) {
    // No whole day inside: the window (if any) is all edge.
    return { days: [from, from], edges: [[from, to], [to, to]] };
  }
  return {
    days: [new Date(firstWholeDay), new Date(endOfWholeDays)],
    edges: [
      [from, new Date(firstWholeDay)],
      [new Date(endOfWholeDays), to],
    ],
  };
}

/** The whole UTC months within whole days [start, end), or null when there is none. */
function wholeMonths([start, end]: [Date, Date]): [Date, Date] | null {
  const first = start.getUTCDate() === 1 ? start : new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  const last = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth(), 1));
  return first < last ? [first, last] : null;
}

/**
 * New and total revenue per manager and period, in one currency. Reversed sales count nowhere;
 * only periods with a non-reversed sale appear, in order; series are ordered by manager id
 * (byte-wise) with the unassigned series last.
 *
 * The whole UTC days of the window are read from the projection's daily buckets (a bucket exists
 * only while it has a live sale), the partial days at its edges from the sales themselves; both
 * are summed per manager and period. A chart by month with the `at-event` attribution reads its
 * whole months from the monthly buckets, and only the days around them from the daily ones.
 */
export async function readManagerPerformance(client: SqlClient, options: ManagerPerformanceOptions): Promise<ManagerPerformance> {
  const { from, to, interval, currency, attribution, managerId } = options;
  const period = PERIOD_SQL[interval];
  const source = ATTRIBUTION_SQL[attribution];
  if (period === undefined || source === undefined) {
    throw new RangeError(`unknown interval ${String(interval)} or attribution ${String(attribution)}`);
  }
  const { days, edges } = splitWindow(from, to);
  const params: unknown[] = [
    currency,
    days[0].toISOString(),
    days[1].toISOString(),
    edges[0][0].toISOString(),
    edges[0][1].toISOString(),
    edges[1][0].toISOString(),
    edges[1][1].toISOString(),
  ];
  let bucketFilter = '';
  let saleFilter = '';
  if (managerId === UNASSIGNED_MANAGER) {
    params.push(UNASSIGNED_MANAGER_KEY);
  } else if (managerId !== undefined) {
    params.push(managerId);
  }
  if (managerId !== undefined) {
    // A manager id is never empty: an empty one selects nothing, not the unassigned series.
    const keyTest = (key: string) => (managerId === UNASSIGNED_MANAGER ? `AND ${key} = $8` : `AND ${key} = $8 AND ${key} <> ''`);
    bucketFilter = keyTest('d.manager_key');
    saleFilter = keyTest(source.saleKey);
  }
  const asDate = (param: string) => `(${param}::timestamptz AT TIME ZONE 'UTC')::date`;
  const bucketsBetween = (table: string, start: string, end: string) => `
         SELECT d.manager_key, d.day, d.new_minor, d.total_minor
         FROM ${table} AS d
         WHERE d.currency = $1 AND d.day >= ${asDate(start)} AND d.day < ${asDate(end)}
           AND d.sale_count > 0 ${bucketFilter}`;
  const months = interval === 'month' && attribution === 'at-event' ? wholeMonths(days) : null;
  let buckets = bucketsBetween(source.days, '$2', '$3');
  if (months !== null) {
    params.push(months[0].toISOString(), months[1].toISOString());
    const [monthsFrom, monthsTo] = [`$${params.length - 1}`, `$${params.length}`];
    buckets = `${bucketsBetween(source.days, '$2', monthsFrom)}
         UNION ALL ${bucketsBetween(MANAGER_PERFORMANCE_AT_EVENT_MONTHS_TABLE, monthsFrom, monthsTo)}
         UNION ALL ${bucketsBetween(source.days, monthsTo, '$3')}`;
  }
  const saleDay = `(s.occurred_at AT TIME ZONE 'UTC')::date`;
  const edgeSales = (start: string, end: string) => `
       SELECT ${source.saleKey} AS manager_key, ${saleDay} AS day,
         SUM(CASE WHEN s.is_new THEN s.amount_minor ELSE 0 END) AS new_minor, SUM(s.amount_minor) AS total_minor
       FROM ${MANAGER_PERFORMANCE_SALES_TABLE} AS s
       LEFT JOIN ${MANAGER_PERFORMANCE_PARTNERS_TABLE} AS p ON p.partner_id = s.partner_id
       WHERE s.currency = $1 AND s.occurred_at >= ${start}::timestamptz AND s.occurred_at < ${end}::timestamptz
         AND NOT s.reversed ${saleFilter}
       GROUP BY 1, 2`;
  const { rows } = await client.query<BucketRow>(
    `SELECT NULLIF(b.manager_key, '') AS manager_id, t.name AS manager_name, to_char(b.period_start, '${period.format}') AS period,
       b.new_minor::text AS new_minor, b.total_minor::text AS total_minor
     FROM (
       SELECT u.manager_key, ${period.start('u.day')} AS period_start, SUM(u.new_minor) AS new_minor, SUM(u.total_minor) AS total_minor
       FROM (${buckets}
         UNION ALL ${edgeSales('$4', '$5')}
         UNION ALL ${edgeSales('$6', '$7')}
       ) AS u
       GROUP BY 1, 2
     ) AS b
     LEFT JOIN ${MANAGER_PERFORMANCE_TEAMMATES_TABLE} AS t ON t.teammate_id = NULLIF(b.manager_key, '')
     ORDER BY b.manager_key = '', b.manager_key COLLATE "C", to_char(b.period_start, '${period.format}') COLLATE "C"`,
    params,
  );
  return { interval, attribution, currency, series: seriesOf(rows) };
}

/** Rows ordered by manager then period, grouped into one series per manager. */
export function seriesOf(rows: readonly BucketRow[]): ManagerPerformanceSeries[] {
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
  return series;
}
