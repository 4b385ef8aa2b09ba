import type { RebuildPhase, RebuildProgress } from '@partnerships/projections';
import type { RebuildProgressReporter } from './rebuild-progress.reporter';

/** While building, a line this often at most; every change of phase gets one at once. */
const BUILDING_LINE_EVERY_MS = 5_000;

/** Progress as plain lines, for a stderr that is a file or a pipe (a CI log, a cron mail). */
export class RebuildProgressLines implements RebuildProgressReporter {
  private readonly last = new Map<string, { phase: RebuildPhase; at: number }>();

  constructor(private readonly stream: NodeJS.WritableStream) {}

  update(progress: RebuildProgress): void {
    const now = Date.now();
    const last = this.last.get(progress.projection);
    if (last !== undefined && last.phase === progress.phase && now - last.at < BUILDING_LINE_EVERY_MS) return;
    this.last.set(progress.projection, { phase: progress.phase, at: now });
    const total = progress.appliedEvents + progress.remainingEvents;
    this.stream.write(`${progress.projection}: ${progress.phase}, ${progress.appliedEvents}/${total} events\n`);
  }

  stop(): void {}
}
