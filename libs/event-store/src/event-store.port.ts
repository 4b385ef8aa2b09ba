import type { Observable } from 'rxjs';

/**
 * A position in the global log: an opaque decimal string, comparable only with
 * `compareLogPositions` (never as strings, never by clients).
 */
export type LogPosition = string;

/** How many events the stream must hold for the append to go through. */
export type ExpectedVersion = 'no_stream' | 'any' | number;

export interface EventMetadata {
  /** Business time (ISO 8601), may come from the caller for imported history. */
  readonly occurredAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly schemaVersion: number;
  readonly [key: string]: unknown;
}

export interface NewEvent {
  /** UUID; appending an event id that is already stored is an idempotent no-op. */
  readonly eventId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
}

export interface RecordedEvent extends NewEvent {
  readonly streamId: string;
  /** 1-based: the stream's first event has version 1. */
  readonly version: number;
  readonly position: LogPosition;
  /** Store time (ISO 8601), set by the store when the event was committed. */
  readonly recordedAt: string;
}

/** An event of an exported log, as `importLog` writes it: where it was, and when it was recorded. */
export interface ImportedEvent extends NewEvent {
  readonly streamId: string;
  /** 1-based; each stream's versions run 1, 2, 3, … in log order. */
  readonly version: number;
  /** Store time (ISO 8601) of the original commit, kept as it was. */
  readonly recordedAt: string;
}

export interface ImportResult {
  readonly events: number;
  /** This store's position of the last event written; null when the log was empty. */
  readonly lastPosition: LogPosition | null;
}

export interface AppendResult {
  /** The stream's version after the append (version of its last event). */
  readonly version: number;
  /** Global position of the last event of this append. */
  readonly position: LogPosition;
  /** True when every event id was already stored: nothing was written. */
  readonly replayed: boolean;
}

export interface ReadStreamOptions {
  /** First version to read, inclusive; default 1. */
  readonly fromVersion?: number;
  readonly maxCount?: number;
}

export interface ReadAllOptions {
  /** Read events strictly after this position; default: from the start. */
  readonly after?: LogPosition | null;
  readonly limit?: number;
}

export interface SubscribeOptions extends ReadAllOptions {
  /** Page size while catching up. */
  readonly batchSize?: number;
}

export type SubscriptionMessage =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** Emitted each time the subscriber has reached the head of the log. */
  | { readonly kind: 'caught-up'; readonly position: LogPosition | null };

export interface EventStore {
  appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult>;
  /** Events of one stream in version order; an empty array when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** The global log in position order. Never returns an event while an earlier one can still commit. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /** Catches up from `after`, then stays live; every event exactly once, in position order. */
  subscribeToAll(options?: SubscribeOptions): Observable<SubscriptionMessage>;
  /** Position of the last readable event, or null for an empty log. */
  headPosition(): Promise<LogPosition | null>;
  /**
   * Writes a whole exported log, in log order, into an empty store, keeping event ids, stream
   * versions and recordedAt; the events get this store's positions. On a failure writes nothing
   * (EventStoreDB: see its adapter). Refuses a store that holds events (`StoreNotEmptyError`).
   */
  importLog(events: AsyncIterable<ImportedEvent>): Promise<ImportResult>;
  /** Cheap round trip for health checks. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export function compareLogPositions(a: LogPosition | null, b: LogPosition | null): number {
  const x = a === null ? -1n : BigInt(a);
  const y = b === null ? -1n : BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Stored metadata read back from JSON (an EventStoreDB record, an export file line) as the
 * envelope every event has; null when a member is missing or of the wrong kind.
 */
export function eventMetadataOf(value: Readonly<Record<string, unknown>>): EventMetadata | null {
  const { occurredAt, actor, correlationId, causationId, schemaVersion } = value;
  if (typeof occurredAt !== 'string' || typeof actor !== 'string' || typeof correlationId !== 'string') return null;
  if (causationId !== null && typeof causationId !== 'string') return null;
  if (typeof schemaVersion !== 'number' || !Number.isInteger(schemaVersion)) return null;
  return { ...value, occurredAt, actor, correlationId, causationId, schemaVersion };
}
