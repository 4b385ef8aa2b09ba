import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import type { ManagerPerformance } from '../../api/api-types';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** Every period of any series, in order: the chart's x axis. */
export function periodsOf(performance: ManagerPerformance): string[] {
  return [...new Set(performance.series.flatMap((series) => series.buckets.map((bucket) => bucket.period)))].sort();
}

export const seriesName = (series: ManagerPerformance['series'][number]) => series.managerName ?? 'Unassigned';

/**
 * Apache ECharts: per manager, new revenue as bars and total revenue as a line, in major units of
 * the currency. ECharts' aria option describes the chart to screen readers; the table beside it
 * carries the same figures.
 */
export function PerformanceChart({ performance, digits }: { readonly performance: ManagerPerformance; readonly digits: number }) {
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (element.current === null) return undefined;
    const chart = echarts.init(element.current, undefined, { renderer: 'svg' });
    const periods = periodsOf(performance);
    const amount = (minor: number) => minor / 10 ** digits;
    chart.setOption({
      animation: false,
      aria: { enabled: true },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 0 },
      grid: { top: 48, left: 64, right: 16, bottom: 32 },
      xAxis: { type: 'category', data: periods },
      yAxis: { type: 'value', name: performance.currency },
      series: performance.series.flatMap((series) => {
        const byPeriod = new Map(series.buckets.map((bucket) => [bucket.period, bucket]));
        return [
          { name: `${seriesName(series)} — new revenue`, type: 'bar', data: periods.map((period) => amount(byPeriod.get(period)?.newRevenueMinor ?? 0)) },
          { name: `${seriesName(series)} — total revenue`, type: 'line', data: periods.map((period) => amount(byPeriod.get(period)?.totalRevenueMinor ?? 0)) },
        ];
      }),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [performance, digits]);
  // ECharts writes its own description into the aria-label of the element it draws in: the
  // accessible name stays on the wrapper.
  return (
    <div role="img" aria-label="Partner Manager Performance">
      <div ref={element} className="chart" />
    </div>
  );
}
