import type { Observable, Subscription } from 'rxjs';
import type { RecordedEvent, SubscriptionMessage } from '../event-store.port';

/** Records what a subscription emits so a test can wait for a condition on it. */
export class SubscriptionProbe {
  readonly messages: SubscriptionMessage[] = [];
  error: unknown = null;
  completed = false;
  private readonly subscription: Subscription;
  private waiters: Array<() => void> = [];

  constructor(source: Observable<SubscriptionMessage>) {
    this.subscription = source.subscribe({
      next: (message) => {
        this.messages.push(message);
        this.poke();
      },
      error: (error: unknown) => {
        this.error = error;
        this.poke();
      },
      complete: () => {
        this.completed = true;
        this.poke();
      },
    });
  }

  get events(): RecordedEvent[] {
    return this.messages.flatMap((message) => (message.kind === 'event' ? [message.event] : []));
  }

  get caughtUpCount(): number {
    return this.messages.filter((message) => message.kind === 'caught-up').length;
  }

  /** Resolves once `condition` holds; rejects on a subscription error or after `timeoutMs`. */
  async waitFor(condition: (probe: SubscriptionProbe) => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition(this)) {
      if (this.error !== null) {
        throw this.error;
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new Error(`Subscription condition not met within ${timeoutMs} ms (${this.messages.length} messages)`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 50));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  unsubscribe(): void {
    this.subscription.unsubscribe();
  }

  private poke(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((wake) => wake());
  }
}
