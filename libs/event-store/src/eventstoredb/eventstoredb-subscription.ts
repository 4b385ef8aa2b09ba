import {
  ErrorType,
  START,
  type AllStreamResolvedEvent,
  type AllStreamSubscription,
  type EventStoreDBClient,
  type Position,
} from '@eventstore/db-client';
import { Observable, type Subscriber } from 'rxjs';
import type { LogPosition, SubscriptionMessage } from '../event-store.port';
import { toRecordedEvent } from './eventstoredb-event.mapper';
import type { EventStoreDbLogFilter } from './eventstoredb-log-filter';
import { comparePositions, fromLogPosition, toLogPosition } from './eventstoredb-position';

/** Errors after which the server may well answer again: resubscribe instead of failing. */
const TRANSIENT_ERRORS: ReadonlySet<string> = new Set([
  ErrorType.UNAVAILABLE,
  ErrorType.DEADLINE_EXCEEDED,
  ErrorType.CANCELLED,
  ErrorType.NOT_LEADER,
  ErrorType.TIMEOUT,
  ErrorType.UNKNOWN,
]);

export interface ResubscribeDelays {
  readonly initialMs: number;
  readonly maxMs: number;
}

export interface EventStoreDbSubscriptionOptions {
  readonly client: EventStoreDBClient;
  readonly filter: EventStoreDbLogFilter;
  readonly after: LogPosition | null;
  readonly delays: ResubscribeDelays;
  /** Told of each resubscription, so that operators can see drops. */
  readonly onResubscribe?: (attempt: number, reason: unknown) => void;
  /** Registers the subscription's `complete`, called when the store closes; returns the unregistration. */
  readonly onStoreClose: (complete: () => void) => () => void;
}

/**
 * A catch-up subscription to `$all` (server-side filter, checkpoints, caught-up) that resubscribes
 * by itself when the server drops it: from the last position it processed, which is the later of
 * the last event delivered and the last checkpoint the server reported. Nothing is delivered twice
 * (positions at or before that one are skipped) and nothing is missed (the server resumes strictly
 * after it). Only an error that no retry can cure (access denied, bad argument) ends it.
 */
export function subscribeToEventStoreDbLog(options: EventStoreDbSubscriptionOptions): Observable<SubscriptionMessage> {
  return new Observable<SubscriptionMessage>((subscriber) => new LogSubscription(options, subscriber).start());
}

class LogSubscription {
  /** Where to resume: the last event delivered or checkpoint reported, whichever is later. */
  private processed: Position | null;
  /** What a `caught-up` message reports: the last event delivered, else where we started. */
  private lastDelivered: LogPosition | null;
  private current: AllStreamSubscription | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private attempts = 0;
  private closed = false;

  constructor(
    private readonly options: EventStoreDbSubscriptionOptions,
    private readonly subscriber: Subscriber<SubscriptionMessage>,
  ) {
    this.processed = options.after === null ? null : fromLogPosition(options.after);
    this.lastDelivered = options.after;
  }

  start(): () => void {
    const unregister = this.options.onStoreClose(() => {
      this.close();
      this.subscriber.complete();
    });
    this.open();
    return () => {
      unregister();
      this.close();
    };
  }

  private open(): void {
    const filter = this.options.filter.forSubscription((position) => this.advance(position));
    const subscription = this.options.client.subscribeToAll({ fromPosition: this.processed ?? START, filter });
    this.current = subscription;
    subscription.on('data', (resolved: AllStreamResolvedEvent) => this.deliver(subscription, resolved));
    subscription.on('caughtUp', () => {
      if (this.current !== subscription) return;
      this.attempts = 0;
      this.subscriber.next({ kind: 'caught-up', position: this.lastDelivered });
    });
    subscription.on('error', (error: unknown) => this.dropped(subscription, error));
    subscription.on('end', () => this.dropped(subscription, new Error('the server ended the subscription')));
  }

  private deliver(subscription: AllStreamSubscription, resolved: AllStreamResolvedEvent): void {
    const position = resolved.event?.position;
    if (this.current !== subscription || position === undefined) return;
    this.attempts = 0;
    if (this.processed !== null && comparePositions(position, this.processed) <= 0) return;
    this.processed = position;
    if (!this.options.filter.matches(resolved)) return;
    let message: SubscriptionMessage;
    try {
      message = { kind: 'event', event: toRecordedEvent(resolved) };
    } catch (error) {
      this.fail(error);
      return;
    }
    this.lastDelivered = toLogPosition(position);
    this.subscriber.next(message);
  }

  private advance(position: Position): void {
    if (this.processed === null || comparePositions(position, this.processed) > 0) {
      this.processed = position;
    }
  }

  private dropped(subscription: AllStreamSubscription, error: unknown): void {
    if (this.closed || this.current !== subscription) return;
    this.current = null;
    void subscription.unsubscribe().catch(() => undefined);
    const type = (error as { type?: unknown }).type;
    if (typeof type === 'string' && !TRANSIENT_ERRORS.has(type)) {
      this.fail(error);
      return;
    }
    this.attempts += 1;
    this.options.onResubscribe?.(this.attempts, error);
    const { initialMs, maxMs } = this.options.delays;
    const delay = Math.min(initialMs * 2 ** (this.attempts - 1), maxMs);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.closed) this.open();
    }, delay);
  }

  private fail(error: unknown): void {
    this.close();
    this.subscriber.error(error);
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    const subscription = this.current;
    this.current = null;
    void subscription?.unsubscribe().catch(() => undefined);
  }
}
