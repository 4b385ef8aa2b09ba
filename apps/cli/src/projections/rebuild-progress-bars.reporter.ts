import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { RebuildProgress } from '@partnerships/projections';
import type { RebuildProgressReporter } from './rebuild-progress.reporter';

/** One `cli-progress` bar per projection, added as its rebuild starts: events applied of the log's events. */
export class RebuildProgressBars implements RebuildProgressReporter {
  private readonly bars: MultiBar;
  private readonly byProjection = new Map<string, SingleBar>();
  private readonly nameWidth: number;

  constructor(stream: NodeJS.WriteStream, names: readonly string[]) {
    this.nameWidth = Math.max(...names.map((name) => name.length));
    this.bars = new MultiBar(
      { stream, format: '{name} {bar} {value}/{total} events  {phase}', hideCursor: true, clearOnComplete: false, barsize: 30 },
      Presets.shades_classic,
    );
  }

  update(progress: RebuildProgress): void {
    const total = progress.appliedEvents + progress.remainingEvents;
    const payload = { name: progress.projection.padEnd(this.nameWidth), phase: progress.phase };
    const bar = this.byProjection.get(progress.projection);
    if (bar === undefined) {
      this.byProjection.set(progress.projection, this.bars.create(total, progress.appliedEvents, payload));
      return;
    }
    bar.setTotal(total);
    bar.update(progress.appliedEvents, payload);
  }

  stop(): void {
    this.bars.stop();
  }
}
