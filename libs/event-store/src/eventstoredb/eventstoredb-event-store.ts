import { randomUUID } from 'node:crypto';
import {
  ANY,
  BACKWARDS,
  END,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  type AppendExpectedRevision,
  type EventStoreDBClient,
  type Position,
  type ReadPosition,
  type ResolvedEvent,
} from '@eventstore/db-client';
import { ConcurrencyError } from '@partnerships/domain';
import type { Observable } from 'rxjs';
import type {
  AppendResult,
  EventStore,
  ExpectedVersion,
  ImportedEvent,
  ImportResult,
  LogPosition,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  SubscriptionMessage,
} from '../event-store.port';
import { StoreNotEmptyError } from '../event-store.errors';
import { assertValidAppend, assertValidReadAll, assertValidReadStream } from '../event-store.validation';
import { ImportSequence } from '../transfer/import-sequence';
import { appendIdOf, toEventData, toRecordedEvent } from './eventstoredb-event.mapper';
import { EventStoreDbLogFilter } from './eventstoredb-log-filter';
import { LogReadAhead } from './eventstoredb-read-ahead';
import { comparePositions, fromLogPosition, toLogPosition } from './eventstoredb-position';
import { subscribeToEventStoreDbLog, type ResubscribeDelays } from './eventstoredb-subscription';

export interface EventStoreDbEventStoreOptions {
  /** Only streams starting with one of these are ours; null: every stream but the server's own. */
  readonly streamPrefixes?: readonly string[] | null;
  /** Backoff between resubscriptions after the server dropped a subscription. */
  readonly resubscribe?: ResubscribeDelays;
  readonly onResubscribe?: (attempt: number, reason: unknown) => void;
}

/** Most events fetched per round trip when reading `$all`, before our filter keeps some of them. */
const LOG_READ_CHUNK = 1_000;
/** Most events of one stream written by one append of an import. */
const IMPORT_APPEND_MAX = 500;
/** Fewest: a small page reads ahead, and the next pages (of any reader) come from `LogReadAhead`. */
const LOG_READ_AHEAD = 256;
/** Events read backwards at first when looking for the head: the last event is usually ours. */
const HEAD_PROBE = 16;

/**
 * The EventStore port on EventStoreDB / KurrentDB, through `@eventstore/db-client`. Everything
 * that knows that client lives in this folder. Versions are 1-based here and revisions 0-based
 * there; positions are the (commit, prepare) pair as one decimal (eventstoredb-position.ts).
 */
export class EventStoreDbEventStore implements EventStore {
  private readonly filter: EventStoreDbLogFilter;
  private readonly readAhead = new LogReadAhead();
  /** Completes each open subscription: the store is closing. */
  private readonly completions = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly client: EventStoreDBClient,
    private readonly options: EventStoreDbEventStoreOptions = {},
  ) {
    this.filter = new EventStoreDbLogFilter(options.streamPrefixes ?? null);
  }

  /**
   * Appends with EventStoreDB's expected revision; event ids are the server's, so its idempotent
   * append window applies. The server answers a re-append of stored ids exactly as a fresh write,
   * so the append's last event is read back: its append id says which it was, and its position is
   * the exact one the log will show.
   */
  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    assertValidAppend(streamId, events, options.expectedVersion);
    const appendId = randomUUID();
    const last = events.length - 1;
    let revision: bigint;
    try {
      const result = await this.client.appendToStream(
        streamId,
        events.map((event, index) => toEventData(event, index === last ? appendId : null)),
        { expectedRevision: expectedRevisionOf(options.expectedVersion) },
      );
      revision = result.nextExpectedRevision;
    } catch (error) {
      if (error instanceof WrongExpectedVersionError) {
        const actual = error.actualVersion;
        throw new ConcurrencyError(streamId, options.expectedVersion, typeof actual === 'bigint' ? Number(actual) + 1 : null);
      }
      throw error;
    }
    const [written] = await this.readResolved(streamId, revision, 1);
    if (written?.event?.position === undefined) {
      throw new Error(`EventStoreDB acknowledged an append to ${streamId} at revision ${revision} that it does not read back`);
    }
    return {
      version: Number(revision) + 1,
      position: toLogPosition(written.event.position),
      replayed: appendIdOf(written) !== appendId,
    };
  }

  /**
   * Appends in log order, each run of consecutive events of one stream as one append with the
   * expected revision, the original `recordedAt` in the metadata (see the mapper). EventStoreDB
   * has no transaction over several streams: a server failure half-way leaves the events written
   * so far. Callers validate the whole source first (the CLI does), so that only the server can
   * fail half-way; the log is then refused by a second import until it is emptied.
   */
  async importLog(events: AsyncIterable<ImportedEvent>): Promise<ImportResult> {
    const head = await this.headPosition();
    if (head !== null) {
      throw new StoreNotEmptyError(head);
    }
    const sequence = new ImportSequence();
    let run: ImportedEvent[] = [];
    let last: { streamId: string; revision: bigint } | null = null;
    const flush = async () => {
      if (run.length === 0) return;
      const first = run[0];
      const result = await this.client.appendToStream(
        first.streamId,
        run.map((event) => toEventData(event, null, event.recordedAt)),
        { expectedRevision: first.version === 1 ? NO_STREAM : BigInt(first.version - 2) },
      );
      last = { streamId: first.streamId, revision: result.nextExpectedRevision };
      run = [];
    };
    for await (const event of events) {
      sequence.check(event);
      if (run.length === IMPORT_APPEND_MAX || (run.length > 0 && run[0].streamId !== event.streamId)) await flush();
      run.push(event);
    }
    await flush();
    if (last === null) return { events: 0, lastPosition: null };
    const { streamId, revision } = last;
    const [written] = await this.readResolved(streamId, revision, 1);
    if (written?.event?.position === undefined) {
      throw new Error(`EventStoreDB acknowledged an import into ${streamId} at revision ${revision} that it does not read back`);
    }
    return { events: sequence.events, lastPosition: toLogPosition(written.event.position) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertValidReadStream(streamId, options);
    const from = BigInt(Math.max(options.fromVersion ?? 1, 1) - 1);
    if (options.maxCount === 0) return [];
    return (await this.readResolved(streamId, from, options.maxCount ?? Number.MAX_SAFE_INTEGER)).map(toRecordedEvent);
  }

  /**
   * Reads `$all` forward in chunks, keeping our events, until `limit` of them or the end. What a
   * recent read (by any reader of this store) already covered comes from the read-ahead.
   */
  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    assertValidReadAll(options);
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const found: RecordedEvent[] = [];
    if (limit === 0) return found;
    let after: Position | null = options.after == null ? null : fromLogPosition(options.after);
    const kept = this.readAhead.lookup(after);
    if (kept !== null) {
      found.push(...kept.events.slice(0, limit));
      if (found.length === limit) return found;
      after = kept.through;
    }
    for (;;) {
      const chunkSize = Math.min(LOG_READ_CHUNK, Math.max(limit - found.length + 1, LOG_READ_AHEAD));
      const from = after;
      const chunk = await this.readLog(from ?? START, FORWARDS, chunkSize);
      const ours: RecordedEvent[] = [];
      let through = from;
      for (const resolved of chunk) {
        const position = resolved.event?.position;
        // A forward read includes the event at its start position: skip up to `from`.
        if (position === undefined || (from !== null && comparePositions(position, from) <= 0)) continue;
        through = position;
        if (this.filter.matches(resolved)) ours.push(toRecordedEvent(resolved));
      }
      if (through !== null && through !== from) this.readAhead.keep({ from, through, events: ours });
      found.push(...ours.slice(0, limit - found.length));
      if (found.length === limit || chunk.length < chunkSize || through === from) return found;
      after = through;
    }
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<SubscriptionMessage> {
    assertValidReadAll(options);
    return subscribeToEventStoreDbLog({
      client: this.client,
      filter: this.filter,
      after: options.after ?? null,
      delays: this.options.resubscribe ?? { initialMs: 100, maxMs: 5_000 },
      onResubscribe: this.options.onResubscribe,
      onStoreClose: (complete) => {
        this.completions.add(complete);
        return () => this.completions.delete(complete);
      },
    });
  }

  /** The position of our last event: `$all` read backwards until one of ours. */
  async headPosition(): Promise<LogPosition | null> {
    let before: ReadPosition = END;
    for (let chunkSize = HEAD_PROBE; ; chunkSize = LOG_READ_CHUNK) {
      const chunk = await this.readLog(before, BACKWARDS, chunkSize);
      const ours = chunk.find((resolved) => this.filter.matches(resolved));
      if (ours?.event?.position !== undefined) return toLogPosition(ours.event.position);
      const oldest = chunk[chunk.length - 1]?.event?.position;
      if (chunk.length < chunkSize || oldest === undefined) return null;
      before = oldest;
    }
  }

  async ping(): Promise<void> {
    await this.readLog(END, BACKWARDS, 1);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const complete of [...this.completions]) complete();
    this.completions.clear();
    await this.client.dispose();
  }

  private async readResolved(streamId: string, fromRevision: bigint, maxCount: number): Promise<ResolvedEvent[]> {
    const read: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readStream(streamId, { fromRevision, maxCount, direction: FORWARDS })) {
        read.push(resolved);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return read;
  }

  private async readLog(fromPosition: ReadPosition, direction: typeof FORWARDS | typeof BACKWARDS, maxCount: number): Promise<ResolvedEvent[]> {
    const read: ResolvedEvent[] = [];
    for await (const resolved of this.client.readAll({ fromPosition, direction, maxCount })) {
      read.push(resolved);
    }
    return read;
  }
}

function expectedRevisionOf(expected: ExpectedVersion): AppendExpectedRevision {
  if (expected === 'any') return ANY;
  if (expected === 'no_stream' || expected === 0) return NO_STREAM;
  return BigInt(expected - 1);
}
