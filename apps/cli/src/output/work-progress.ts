import { Presets, SingleBar } from 'cli-progress';

/** Progress of one long piece of work counted in items (events, partners). */
export interface WorkProgress {
  /** The items done so far, and the total when it is known or has changed. */
  update(done: number, total?: number): void;
  /** Before anything else is printed, and after a failure too. */
  stop(): void;
}

/** With a stderr that is not a terminal, a line this often at most. */
const LINE_EVERY_MS = 5_000;

const silent: WorkProgress = { update: () => undefined, stop: () => undefined };

/**
 * A `cli-progress` bar for a person at a terminal, a line every few seconds for a log file or a
 * pipe, nothing under `--json` (stdout then holds only the JSON answer, and stderr stays quiet).
 */
export function workProgress(options: { json: boolean; stream: NodeJS.WriteStream; label: string; unit: string }): WorkProgress {
  if (options.json) return silent;
  const { stream, label, unit } = options;
  if (stream.isTTY) {
    const bar = new SingleBar({ stream, format: `${label} {bar} {value}/{total} ${unit}`, hideCursor: true, barsize: 30 }, Presets.shades_classic);
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total ?? done, done);
          started = true;
          return;
        }
        if (total !== undefined) bar.setTotal(total);
        bar.update(done);
      },
      stop: () => bar.stop(),
    };
  }
  let lastLineAt = 0;
  let lastTotal: number | undefined;
  let lastDone = 0;
  let printed = '';
  const text = () => `${label}: ${lastDone}${lastTotal === undefined ? '' : `/${lastTotal}`} ${unit}\n`;
  const line = () => {
    printed = text();
    stream.write(printed);
  };
  return {
    update(done, total) {
      lastDone = done;
      lastTotal = total ?? lastTotal;
      const now = Date.now();
      if (now - lastLineAt < LINE_EVERY_MS) return;
      lastLineAt = now;
      line();
    },
    stop() {
      // The final count, unless the last line already said it.
      if (lastLineAt > 0 && text() !== printed) line();
    },
  };
}
