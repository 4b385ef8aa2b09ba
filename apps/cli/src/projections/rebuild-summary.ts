import type { RebuildResult } from '@partnerships/projections';
import { alignedTable } from '../output/aligned-table';

export interface RebuildSummary {
  readonly name: string;
  readonly appliedEvents: number;
  readonly swapGapEvents: number;
  readonly durationMs: number;
  readonly eventsPerSecond: number;
  readonly position: string | null;
}

export function rebuildSummary(result: RebuildResult): RebuildSummary {
  return {
    name: result.projection,
    appliedEvents: result.appliedEvents,
    swapGapEvents: result.swapGapEvents,
    durationMs: result.durationMs,
    eventsPerSecond: Math.round((result.appliedEvents * 1000) / Math.max(result.durationMs, 1)),
    position: result.position,
  };
}

export function rebuildSummaryTable(summaries: readonly RebuildSummary[]): string {
  return alignedTable(
    [
      { header: 'PROJECTION' },
      { header: 'EVENTS', align: 'right' },
      { header: 'SWAP GAP', align: 'right' },
      { header: 'DURATION', align: 'right' },
      { header: 'EVENTS/S', align: 'right' },
    ],
    summaries.map((summary) => [
      summary.name,
      String(summary.appliedEvents),
      String(summary.swapGapEvents),
      `${(summary.durationMs / 1000).toFixed(2)} s`,
      String(summary.eventsPerSecond),
    ]),
  );
}
