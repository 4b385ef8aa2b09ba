import type { Subscriber } from 'rxjs';
import type { LogPosition, RecordedEvent, SubscriptionMessage } from '../event-store.port';
import type { CommitAnnouncer } from './commit-announcer';

/** While the log is known to hold events we cannot read yet, poll from this delay, doubling. */
const firstChaseDelayMs = 2;

/** What a live subscription reads from and wakes up on. */
export interface LogSubscriptionSource {
  /** Events after `after` up to the readable head, at most `limit`. */
  readPage(after: LogPosition | null, limit: number): Promise<RecordedEvent[]>;
  readonly commits: CommitAnnouncer;
  /** Wait this long when nothing wakes the subscription (a NOTIFY can be lost). */
  readonly idlePollMs: number;
}

export interface RunningLogSubscription {
  /** Settles when the loop has ended and let go of its wake-ups; errors go to the subscriber. */
  readonly done: Promise<void>;
  /** The teardown: ends the loop at its next step. */
  readonly stop: () => void;
}

/**
 * Pages from `start` to the readable head, says so, then waits for a wake-up: a local commit,
 * a NOTIFY, or the idle poll. When a wake-up names a position that the horizon still hides
 * (a transaction with a smaller id is still open), it polls with a growing delay instead.
 */
export function startLogSubscription(
  subscriber: Subscriber<SubscriptionMessage>,
  start: LogPosition | null,
  batchSize: number,
  source: LogSubscriptionSource,
): RunningLogSubscription {
  const { commits, idlePollMs } = source;
  let after = start;
  let knownCommitted = -1n;
  let wake: (() => void) | null = null;
  let cancelPause: (() => void) | null = null;
  let stopListening: (() => Promise<void>) | null = null;
  let stopped = false;

  const onCommitted = (position: LogPosition): void => {
    const value = BigInt(position);
    if (value > knownCommitted) {
      knownCommitted = value;
      wake?.();
    }
  };
  const fail = (error: unknown): void => {
    if (!subscriber.closed) {
      subscriber.error(error);
    }
  };
  const pause = (ms: number, wakeable: boolean): Promise<void> =>
    new Promise<void>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        wake = null;
        cancelPause = null;
        resolve();
      };
      const timer = setTimeout(finish, ms);
      wake = wakeable ? finish : null;
      cancelPause = finish;
    });

  const loop = async (): Promise<void> => {
    commits.addListener(onCommitted);
    const listening = commits.listenToOtherProcesses(onCommitted, fail);
    if (listening !== null) {
      const stop = await listening;
      if (stopped) {
        await stop();
        return;
      }
      stopListening = stop;
    }
    let caughtUpOnce = false;
    let chaseDelay = firstChaseDelayMs;
    while (!subscriber.closed) {
      const page = await source.readPage(after, batchSize);
      for (const event of page) {
        if (subscriber.closed) {
          return;
        }
        after = event.position;
        subscriber.next({ kind: 'event', event });
      }
      if (page.length === batchSize || subscriber.closed) {
        continue;
      }
      if (page.length > 0 || !caughtUpOnce) {
        caughtUpOnce = true;
        subscriber.next({ kind: 'caught-up', position: after });
      }
      if (knownCommitted > (after === null ? -1n : BigInt(after))) {
        chaseDelay = page.length > 0 ? firstChaseDelayMs : Math.min(chaseDelay * 2, idlePollMs);
        if (chaseDelay === idlePollMs) {
          // Chased long enough (a long transaction, or a position from a rolled-back savepoint):
          // go back to waiting, so that the next commit wakes us at once.
          knownCommitted = -1n;
        }
        await pause(chaseDelay, false);
      } else {
        chaseDelay = firstChaseDelayMs;
        await pause(idlePollMs, true);
      }
    }
  };

  const done = loop()
    .catch(fail)
    .finally(() => commits.removeListener(onCommitted));

  return {
    done,
    stop: () => {
      stopped = true;
      cancelPause?.();
      commits.removeListener(onCommitted);
      stopListening?.().catch(() => undefined);
      stopListening = null;
    },
  };
}
