/** One line about a follower's progress, and how loud to say it. */
export interface ProgressLine {
  readonly line: string;
  readonly level: 'log' | 'warn' | 'error';
  /** Structured details for the log record (a failure, say). */
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Says how a long-running follower (projector, relay, consumer) is doing every few seconds, but
 * only when something changed, and once more when it stops. A status that cannot be read is
 * reported as a warning instead of ending the process.
 */
export class ProgressReporter {
  private timer: NodeJS.Timeout | null = null;
  private lastLine = '';

  constructor(
    private readonly read: () => ProgressLine | Promise<ProgressLine>,
    private readonly write: (progress: ProgressLine) => void,
    private readonly everyMs = 5_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.report(), this.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and reports the last state. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.report();
  }

  async report(): Promise<void> {
    let progress: ProgressLine;
    try {
      progress = await this.read();
    } catch (error) {
      this.write({ line: `cannot read the status: ${error instanceof Error ? error.message : String(error)}`, level: 'warn' });
      return;
    }
    if (progress.line === this.lastLine) return;
    this.lastLine = progress.line;
    this.write(progress);
  }
}
