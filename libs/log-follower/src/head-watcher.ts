import { compareLogPositions, type EventStore, type LogPosition } from '@partnerships/event-store';
import type { Subscription } from 'rxjs';

/**
 * Tells a live runner that the log may have grown past `after`. It only listens: the runner
 * reads the events itself with `readAll`, so one subscription page of a single event is all it
 * ever holds. Kept open across idle waits and closed as soon as the runner has new events.
 */
export class HeadWatcher {
  private subscription: Subscription | null = null;
  private watching: LogPosition | null = null;
  private signalled = false;
  private failure: unknown = null;
  private wake: (() => void) | null = null;

  constructor(private readonly store: EventStore) {}

  /** Starts watching after `position` unless already watching there. */
  watch(position: LogPosition | null): void {
    if (this.subscription !== null && compareLogPositions(this.watching, position) === 0) {
      return;
    }
    this.close();
    this.watching = position;
    const subscription = this.store.subscribeToAll({ after: position, batchSize: 1 }).subscribe({
      next: (message) => {
        // The first "caught-up" only says the subscription reached `position`.
        if (message.kind === 'event' || compareLogPositions(message.position, position) > 0) {
          this.signal();
        }
      },
      error: (error: unknown) => {
        this.failure = error;
        this.signal();
      },
      // The store is closing: wake up, and let the next read report it.
      complete: () => this.signal(),
    });
    // An error may arrive synchronously, before `subscribe` returns.
    if (this.failure === null) {
      this.subscription = subscription;
    } else {
      subscription.unsubscribe();
    }
  }

  /** Resolves at a wake-up or after `fallbackMs` (a lost notification); rejects when the subscription failed. */
  async wait(fallbackMs: number): Promise<void> {
    if (!this.signalled && this.failure === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, fallbackMs);
        function done(): void {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
    this.signalled = false;
    if (this.failure !== null) {
      const failure = this.failure;
      this.close();
      throw failure;
    }
  }

  /** Ends a pending or the next `wait` at once (used by `stop()`). */
  interrupt(): void {
    this.signal();
  }

  close(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
    this.watching = null;
    this.signalled = false;
    this.failure = null;
  }

  private signal(): void {
    this.signalled = true;
    this.wake?.();
  }
}
