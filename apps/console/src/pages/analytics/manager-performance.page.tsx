import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router-dom';
import type { ManagerPerformance } from '../../api/api-types';
import { readAfterSeen } from '../../live/seen-position';
import { useSession } from '../../session/session';
import { formatMoney, moneyDigits } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';
import { PerformanceChart, seriesName } from './performance-chart';

const year = new Date().getUTCFullYear();
const DEFAULTS = { from: `${year}-01-01`, to: `${year + 1}-01-01`, interval: 'month', attribution: 'at-event', currency: 'USD' } as const;

/** Analytics → Partner Manager Performance: the chart and, beside it, the same figures as a table. */
export function ManagerPerformancePage() {
  const { api } = useSession();
  const [search, setSearch] = useSearchParams();
  const options = {
    from: search.get('from') ?? DEFAULTS.from,
    to: search.get('to') ?? DEFAULTS.to,
    interval: search.get('interval') ?? DEFAULTS.interval,
    attribution: search.get('attribution') ?? DEFAULTS.attribution,
    currency: search.get('currency') ?? DEFAULTS.currency,
  };
  const set = (field: keyof typeof options, value: string) => {
    const next = new URLSearchParams(search);
    next.set(field, value);
    setSearch(next, { replace: true });
  };
  const performance = useQuery({
    queryKey: ['manager-performance', options],
    queryFn: () => api.get<ManagerPerformance>('/v1/analytics/manager-performance', { ...options, minPosition: readAfterSeen() }),
    placeholderData: keepPreviousData,
  });
  const digits = moneyDigits(options.currency);
  const data = performance.data;
  const totals = { newRevenue: 0, totalRevenue: 0 };
  for (const bucket of data?.series.flatMap((series) => series.buckets) ?? []) {
    totals.newRevenue += bucket.newRevenueMinor;
    totals.totalRevenue += bucket.totalRevenueMinor;
  }

  return (
    <section aria-labelledby="performance-title">
      <h1 id="performance-title">Partner Manager Performance</h1>
      <form className="filters" aria-label="Chart options" onSubmit={(event) => event.preventDefault()}>
        <label>
          From
          <input type="date" value={options.from} onChange={(event) => set('from', event.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={options.to} onChange={(event) => set('to', event.target.value)} />
        </label>
        <label>
          Interval
          <select value={options.interval} onChange={(event) => set('interval', event.target.value)}>
            <option value="month">Month</option>
            <option value="week">Week</option>
            <option value="day">Day</option>
          </select>
        </label>
        <label>
          Attribution
          <select value={options.attribution} onChange={(event) => set('attribution', event.target.value)}>
            <option value="at-event">Manager at the time of the sale</option>
            <option value="current">Current manager</option>
          </select>
        </label>
        <label>
          Currency
          <input value={options.currency} maxLength={3} onChange={(event) => set('currency', event.target.value.toUpperCase())} />
        </label>
      </form>
      <ProblemMessage error={performance.error} />
      {data !== undefined && (
        <div className="chart-and-table">
          <PerformanceChart performance={data} digits={digits} />
          <table className="figures">
            <caption>Revenue per manager and period ({data.currency})</caption>
            <thead>
              <tr>
                <th scope="col">Manager</th>
                <th scope="col">Period</th>
                <th scope="col">New revenue</th>
                <th scope="col">Total revenue</th>
              </tr>
            </thead>
            <tbody>
              {data.series.flatMap((series) =>
                series.buckets.map((bucket) => (
                  <tr key={`${series.managerId ?? '-'}:${bucket.period}`}>
                    <td>{seriesName(series)}</td>
                    <td>{bucket.period}</td>
                    <td>{formatMoney(bucket.newRevenueMinor, data.currency)}</td>
                    <td>{formatMoney(bucket.totalRevenueMinor, data.currency)}</td>
                  </tr>
                )),
              )}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  Total
                </th>
                <td data-total="new">{formatMoney(totals.newRevenue, data.currency)}</td>
                <td data-total="total">{formatMoney(totals.totalRevenue, data.currency)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </section>
  );
}
