import type { LogPosition, RecordedEvent } from '../event-store.port';
import { eventHash, nextLogHash, storedChainLink, type ChainTip } from './event-hash';

export type ChainBreakReason =
  /** The event's content no longer hashes to the hash stored with it. */
  | 'content-changed'
  /** The event does not point at the hash of the event before it. */
  | 'link-broken'
  /** Versions jump: an event before this one is missing. */
  | 'event-missing'
  /** The event carries no hash (written around the chain, or before it existed). */
  | 'not-sealed';

/** The first link of a chain that does not hold. */
export interface ChainBreak {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly position: LogPosition;
  readonly reason: ChainBreakReason;
  readonly detail: string;
}

/**
 * The head of the log as verified: how many events, the last position, and the log hash, which
 * chains every event's hash in log order. Stored outside the system, it lets an auditor show
 * later that the first `events` events are still exactly these.
 */
export interface LogAnchor {
  readonly events: number;
  readonly position: LogPosition | null;
  readonly hash: string | null;
}

export interface ChainVerifierOptions {
  /**
   * Accept a stream's first event whatever its version and previous hash: for a part of the log
   * (a time range) whose streams began earlier.
   */
  readonly trustFirstLinks?: boolean;
}

/**
 * Checks events in log order (or one stream in version order), keeping the tip of every stream
 * it has seen and the running log hash. Reports the first problem of each event, if any, and
 * carries on from the event as stored, so one break is reported once.
 */
export class ChainVerifier {
  private readonly tips = new Map<string, ChainTip>();
  private logHash: string | null = null;
  private count = 0;
  private lastPosition: LogPosition | null = null;

  constructor(private readonly options: ChainVerifierOptions = {}) {}

  check(event: RecordedEvent): ChainBreak | null {
    const stored = storedChainLink(event.metadata);
    const computed = eventHash(event, stored.previousHash);
    const tip = this.tips.get(event.streamId);
    this.tips.set(event.streamId, { version: event.version, hash: stored.hash ?? computed });
    this.logHash = nextLogHash(this.logHash, computed);
    this.count += 1;
    this.lastPosition = event.position;

    const at = (reason: ChainBreakReason, detail: string): ChainBreak => ({
      streamId: event.streamId,
      version: event.version,
      eventId: event.eventId,
      position: event.position,
      reason,
      detail,
    });
    const firstOfPart = tip === undefined && this.options.trustFirstLinks === true;
    const expectedVersion = (tip?.version ?? 0) + 1;
    if (!firstOfPart && event.version !== expectedVersion) {
      return event.version > expectedVersion
        ? at('event-missing', `version ${expectedVersion} is missing: version ${event.version} follows version ${expectedVersion - 1}`)
        : at('event-missing', `version ${event.version} comes again after version ${expectedVersion - 1}`);
    }
    if (stored.hash === null) {
      return at('not-sealed', 'the event carries no hash');
    }
    if (stored.hash !== computed) {
      return at('content-changed', 'the event no longer matches its hash: its data, metadata, type or id changed');
    }
    const expectedPrevious = tip?.hash ?? null;
    if (!firstOfPart && stored.previousHash !== expectedPrevious) {
      return at('link-broken', 'the event does not point at the hash of the event before it');
    }
    return null;
  }

  /** The log hash of every event checked so far. */
  get head(): LogAnchor {
    return { events: this.count, position: this.lastPosition, hash: this.logHash };
  }

  /** How many streams the events checked so far belong to. */
  get streams(): number {
    return this.tips.size;
  }
}
