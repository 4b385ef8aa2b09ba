import type { RebuildProgress } from '@partnerships/projections';
import { RebuildProgressBars } from './rebuild-progress-bars.reporter';
import { RebuildProgressLines } from './rebuild-progress-lines.reporter';

export interface RebuildProgressReporter {
  update(progress: RebuildProgress): void;
  /** Before anything else is printed, and after a failure too. */
  stop(): void;
}

const silent: RebuildProgressReporter = { update: () => undefined, stop: () => undefined };

/** Bars for a person at a terminal, a line per step for a log file, nothing under `--json`. */
export function rebuildProgressReporter(options: { json: boolean; stream: NodeJS.WriteStream; names: readonly string[] }): RebuildProgressReporter {
  if (options.json) return silent;
  return options.stream.isTTY ? new RebuildProgressBars(options.stream, options.names) : new RebuildProgressLines(options.stream);
}
