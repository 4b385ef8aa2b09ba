export interface AppendBatchLimits {
  /** Batches running at once. An append that finds fewer running leaves at once, alone. */
  readonly maxInFlight: number;
  /** Appends per batch. */
  readonly maxAppends: number;
  /** Events per batch, unless a single append has more (it then leaves alone). */
  readonly maxEvents: number;
}

interface Queued<T, R> {
  readonly append: T;
  readonly events: number;
  readonly resolve: (outcome: R) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Group commit: while `maxInFlight` batches are running, appends wait here; each time a batch
 * ends, the waiting ones leave together as the next batch (one call, one transaction, one commit).
 * A caller alone on the store waits no longer than without batching, and under load the
 * round trips and commits per append fall with the batch size. No timers: a batch leaves as soon
 * as a slot is free.
 */
export class AppendBatcher<T, R> {
  private readonly queue: Queued<T, R>[] = [];
  private running = 0;

  /** `run` answers one outcome per append, in the order given; if it rejects, so does each append of the batch. */
  constructor(
    private readonly run: (appends: readonly T[]) => Promise<readonly R[]>,
    private readonly limits: AppendBatchLimits,
  ) {
    if (!(limits.maxInFlight >= 1 && limits.maxAppends >= 1 && limits.maxEvents >= 1)) {
      throw new Error('Append batch limits must be at least 1');
    }
  }

  submit(append: T, events: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ append, events, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.running < this.limits.maxInFlight && this.queue.length > 0) {
      void this.runBatch(this.takeBatch());
    }
  }

  /** The longest prefix of the queue within the limits, and at least its first append. */
  private takeBatch(): Queued<T, R>[] {
    let count = 1;
    let events = this.queue[0].events;
    while (
      count < this.queue.length &&
      count < this.limits.maxAppends &&
      events + this.queue[count].events <= this.limits.maxEvents
    ) {
      events += this.queue[count].events;
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async runBatch(batch: readonly Queued<T, R>[]): Promise<void> {
    this.running += 1;
    try {
      const outcomes = await this.run(batch.map((queued) => queued.append));
      batch.forEach((queued, index) => queued.resolve(outcomes[index]));
    } catch (error) {
      batch.forEach((queued) => queued.reject(error));
    } finally {
      this.running -= 1;
      this.dispatch();
    }
  }
}
