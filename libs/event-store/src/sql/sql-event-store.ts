import { ConcurrencyError } from '@partnerships/domain';
import { Observable, type Subscriber } from 'rxjs';
import { EventIdConflictError, InvalidEventStoreInputError } from '../event-store.errors';
import {
  compareLogPositions,
  type AppendResult,
  type EventMetadata,
  type EventStore,
  type ExpectedVersion,
  type LogPosition,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type SubscriptionMessage,
} from '../event-store.port';
import { assertValidAppend, assertValidReadAll, assertValidReadStream } from '../event-store.validation';
import { AppendBatcher, type AppendBatchLimits } from './append-batcher';
import type { SqlClient, SqlDriver } from './sql-client';
import { TransactionSqlClient } from './transaction-client';

export interface SqlEventStoreOptions {
  /** `close()` also closes the client. */
  readonly ownsClient?: boolean;
  /** A live subscription polls this often when nothing wakes it (a NOTIFY can be lost). Default 250 ms. */
  readonly idlePollMs?: number;
  /** Page size of a catching-up subscription when the caller gives none. Default 500. */
  readonly batchSize?: number;
  /**
   * Group commit of concurrent appends (see append-batcher.ts); `false` sends each append alone.
   * Never used on a client bound to a transaction, whose appends run in that transaction.
   */
  readonly appendBatching?: Partial<AppendBatchLimits> | false;
}

/**
 * PostgreSQL: a few batches at once keep the server busy while the next one gathers; more only
 * make the batches smaller (2 to 4 measured alike on 2 cores; 3 leaves two running when one waits
 * for a lock that a long transaction holds). PGlite runs one statement at a time: a second batch
 * would only wait in its queue. At most 64 appends, see 0002-append-batch.migration.ts. The event
 * cap keeps bulk appends (imports) out of other appends' batches; they gain nothing from one.
 */
const defaultAppendBatchLimits: Record<SqlDriver, AppendBatchLimits> = {
  postgres: { maxInFlight: 3, maxAppends: 64, maxEvents: 1000 },
  pglite: { maxInFlight: 1, maxAppends: 64, maxEvents: 1000 },
};

/** A batch can hold at most this many appends (subtransaction ids, see the migration). */
const maxAppendsPerBatch = 64;

/**
 * The failures that an append would get alone as well. Any other failure in a batch may come from
 * sharing a transaction with the others (ES003: the batch took its transaction id before this
 * append's stream lock; a deadlock; ES004: the batch used up the transaction's positions; anything
 * unexpected), so the append runs again on its own and gets its own verdict.
 */
const refusalsOfTheAppend = new Set(['ES001', 'ES002', '23505']);

/** After appends commit, the store notifies this channel with payload `<schema>:<last position>`. */
const notifyChannel = 'partnership_events';

/**
 * In-process wake-ups after a commit, per client, so that every store on one client (and every
 * store bound to one of its transactions) wakes every subscription on it.
 */
const committedListenersByClient = new WeakMap<SqlClient, Set<(position: LogPosition) => void>>();

function committedListenersOf(client: SqlClient): Set<(position: LogPosition) => void> {
  let listeners = committedListenersByClient.get(client);
  if (listeners === undefined) {
    listeners = new Set();
    committedListenersByClient.set(client, listeners);
  }
  return listeners;
}

/**
 * Positions below `xmin << 20` of the reading statement's own snapshot are final: every
 * transaction with a smaller id has ended, and no new transaction can get one. A scalar subquery,
 * so it is evaluated once and bounds the primary-key scan.
 */
const horizon = '(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576)';

/**
 * Read from `events e`, and always order by `e.position`: a bare `ORDER BY position` would sort by
 * this text output column, which puts "100…" before "99…".
 */
const eventColumns =
  'e.position::text AS position, e.stream_id, e.stream_version, e.event_id::text AS event_id, e.type, e.data, e.metadata, e.recorded_at';

/** While the log is known to hold events we cannot read yet, poll from this delay, doubling. */
const firstChaseDelayMs = 2;

interface EventRow {
  readonly position: string;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly type: string;
  readonly data: Record<string, unknown>;
  readonly metadata: EventMetadata;
  readonly recorded_at: Date | string;
}

interface AppendRow {
  readonly new_version: number;
  readonly last_position: string;
  readonly replayed: boolean;
}

interface AppendBatchRow {
  readonly item: number;
  readonly new_version: number | null;
  readonly last_position: string | null;
  readonly replayed: boolean | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly error_detail: string | null;
  readonly error_constraint: string | null;
}

/** An append, validated and ready for `append_events` or a batch. */
interface PendingAppend {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  /** As `append_events` takes it: -1 any, 0 no stream, n exactly n events. */
  readonly expected: number;
  /** The events as a JSON array, serialised once for either path. */
  readonly eventsJson: string;
  readonly eventCount: number;
}

type BatchedAppendOutcome = { readonly result: AppendResult } | { readonly error: DatabaseErrorFields };

interface DatabaseErrorFields {
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  readonly message?: string;
}

/**
 * The event store on PostgreSQL or PGlite (same SQL, see migrations/). Concurrent appends are
 * grouped into one call of `append_events_batch` (one transaction, one commit); an append inside
 * a caller's transaction is one call of `append_events`. Log reads stop at the snapshot's
 * transaction horizon, so no reader ever passes a position below which a running transaction can
 * still commit.
 */
export class SqlEventStore implements EventStore {
  private readonly idlePollMs: number;
  private readonly defaultBatchSize: number;
  private readonly committedListeners: Set<(position: LogPosition) => void>;
  private readonly running = new Set<{ readonly subscriber: Subscriber<SubscriptionMessage>; done: Promise<void> }>();
  private afterAppend: (position: LogPosition) => void = (position) => this.announceCommitted(position);
  private schema: Promise<string> | null = null;
  private closing: Promise<void> | null = null;
  /** Highest committed position that other processes have not been notified of yet. */
  private unnotified: bigint | null = null;
  private notifying: Promise<void> | null = null;
  private readonly batcher: AppendBatcher<PendingAppend, BatchedAppendOutcome> | null;
  /** Appends not settled yet; `close()` waits for them before closing the client. */
  private readonly appending = new Set<Promise<void>>();

  constructor(
    private readonly client: SqlClient,
    private readonly options: SqlEventStoreOptions = {},
  ) {
    this.idlePollMs = options.idlePollMs ?? 250;
    this.defaultBatchSize = options.batchSize ?? 500;
    this.committedListeners = committedListenersOf(client);
    this.batcher = this.createBatcher();
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    this.assertOpen();
    const append = pendingAppend(streamId, events, options?.expectedVersion);
    return this.track(this.batcher === null ? this.appendAlone(append) : this.appendInBatch(append, this.batcher));
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadStream(streamId, options);
    const { rows } = await this.client.query<EventRow>(
      `SELECT ${eventColumns} FROM events e
       WHERE e.stream_id = $1 AND e.stream_version >= $2
       ORDER BY e.stream_version
       LIMIT $3`,
      [streamId, options.fromVersion ?? 1, options.maxCount ?? null],
    );
    return rows.map(toRecordedEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    assertValidReadAll(options);
    return this.readPage(options.after ?? null, options.limit ?? null);
  }

  subscribeToAll(options: SubscribeOptions = {}): Observable<SubscriptionMessage> {
    assertValidReadAll(options);
    // `limit` has no meaning for an endless subscription, so it stands in for the page size.
    const batchSize = options.batchSize ?? options.limit ?? this.defaultBatchSize;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new InvalidEventStoreInputError('batchSize must be a positive integer');
    }
    return new Observable<SubscriptionMessage>((subscriber) => {
      if (this.closing !== null) {
        subscriber.error(new Error('The event store is closed'));
        return;
      }
      return this.runSubscription(subscriber, options.after ?? null, batchSize);
    });
  }

  async headPosition(): Promise<LogPosition | null> {
    this.assertOpen();
    const { rows } = await this.client.query<{ position: string | null }>(
      `SELECT max(e.position)::text AS position FROM events e WHERE e.position < ${horizon}`,
    );
    return rows[0]?.position ?? null;
  }

  async ping(): Promise<void> {
    this.assertOpen();
    await this.client.query('SELECT 1');
  }

  /**
   * Runs `fn` in one transaction with a store bound to it, so its appends (and whatever else `fn`
   * writes through `tx`, such as an idempotency record) commit or roll back together. A version
   * conflict aborts the whole transaction: retry by calling `withTransaction` again.
   */
  async withTransaction<T>(fn: (store: SqlEventStore, tx: SqlClient) => Promise<T>): Promise<T> {
    this.assertOpen();
    let lastAppended: LogPosition | null = null;
    const result = await this.client.transaction((tx) => {
      const bound = new SqlEventStore(tx, { ...this.options, ownsClient: false });
      // Subscribers are woken only after the commit, when the events can be read.
      bound.afterAppend = (position) => {
        lastAppended = position;
      };
      return fn(bound, tx);
    });
    if (lastAppended !== null) {
      this.announceCommitted(lastAppended);
    }
    return result;
  }

  /**
   * Refuses new work, completes every live subscription, lets the appends already made (batched
   * or not) finish, then closes the client if the store owns it.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const running = [...this.running];
      for (const { subscriber } of running) {
        subscriber.complete();
      }
      await Promise.all(running.map(({ done }) => done));
      await Promise.all([...this.appending]);
      await this.notifying;
      if (this.options.ownsClient) {
        await this.client.close();
      }
    })();
    return this.closing;
  }

  private createBatcher(): AppendBatcher<PendingAppend, BatchedAppendOutcome> | null {
    if (this.options.appendBatching === false || this.client instanceof TransactionSqlClient) {
      return null;
    }
    const limits = { ...defaultAppendBatchLimits[this.client.driver], ...this.options.appendBatching };
    if (limits.maxAppends > maxAppendsPerBatch) {
      throw new InvalidEventStoreInputError(`appendBatching.maxAppends must be at most ${maxAppendsPerBatch}`);
    }
    return new AppendBatcher((appends) => this.appendBatch(appends), limits);
  }

  private track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(
      () => undefined,
      () => undefined,
    );
    this.appending.add(settled);
    void settled.then(() => this.appending.delete(settled));
    return work;
  }

  /** One call of `append_events`: in the caller's transaction, or its own. */
  private async appendAlone(append: PendingAppend): Promise<AppendResult> {
    let row: AppendRow;
    try {
      const { rows } = await this.client.query<AppendRow>(
        'SELECT new_version, last_position, replayed FROM append_events($1, $2, $3::jsonb)',
        [append.streamId, append.expected, append.eventsJson],
      );
      row = rows[0];
    } catch (error) {
      throw translateAppendError(error, append.streamId, append.expectedVersion);
    }
    const result: AppendResult = { version: row.new_version, position: row.last_position, replayed: row.replayed };
    if (!result.replayed) {
      this.afterAppend(result.position);
    }
    return result;
  }

  private async appendInBatch(
    append: PendingAppend,
    batcher: AppendBatcher<PendingAppend, BatchedAppendOutcome>,
  ): Promise<AppendResult> {
    const outcome = await batcher.submit(append, append.eventCount);
    if ('result' in outcome) {
      return outcome.result;
    }
    if (refusalsOfTheAppend.has(outcome.error.code ?? '')) {
      throw translateAppendError(outcome.error, append.streamId, append.expectedVersion);
    }
    // Alone, its transaction takes its id only after the stream lock, so ES003 cannot recur.
    return this.appendAlone(append);
  }

  /**
   * One call of `append_events_batch`, so one transaction: answers each append's outcome by its
   * index, and wakes subscribers once, after the commit, with the batch's last position.
   */
  private async appendBatch(appends: readonly PendingAppend[]): Promise<BatchedAppendOutcome[]> {
    let rows: AppendBatchRow[];
    try {
      ({ rows } = await this.client.query<AppendBatchRow>(
        `SELECT item, new_version, last_position, replayed, error_code, error_message, error_detail, error_constraint
         FROM append_events_batch($1::jsonb)`,
        [batchJson(appends)],
      ));
    } catch (error) {
      if (!isDataException(error)) {
        throw error;
      }
      // The server refused the batch's argument (say, an append's data holds a \u0000, which jsonb
      // cannot store) and committed nothing: each append runs alone, so only the culprit fails.
      return appends.map(() => ({ error: databaseErrorFields(error) }));
    }
    const outcomes = outcomesByItem(rows, appends.length);
    const last = lastWrittenPosition(outcomes);
    if (last !== null) {
      this.afterAppend(last);
    }
    return outcomes;
  }

  private async readPage(after: LogPosition | null, limit: number | null): Promise<RecordedEvent[]> {
    const { rows } = await this.client.query<EventRow>(
      `SELECT ${eventColumns} FROM events e
       WHERE e.position > $1::bigint AND e.position < ${horizon}
       ORDER BY e.position
       LIMIT $2`,
      [after ?? '-1', limit],
    );
    return rows.map(toRecordedEvent);
  }

  /**
   * Pages from `after` to the readable head, says so, then waits for a wake-up: a local commit,
   * a NOTIFY, or the idle poll. When a wake-up names a position that the horizon still hides
   * (a transaction with a smaller id is still open), it polls with a growing delay instead.
   * Returns the teardown.
   */
  private runSubscription(
    subscriber: Subscriber<SubscriptionMessage>,
    start: LogPosition | null,
    batchSize: number,
  ): () => void {
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
      this.committedListeners.add(onCommitted);
      if (this.client.driver === 'postgres' && this.client.listen !== undefined) {
        const prefix = `${await this.currentSchema()}:`;
        const stop = await this.client.listen(
          notifyChannel,
          (payload) => {
            const position = payload.slice(prefix.length);
            if (payload.startsWith(prefix) && /^[0-9]{1,19}$/.test(position)) {
              onCommitted(position);
            }
          },
          fail,
        );
        if (stopped) {
          await stop();
          return;
        }
        stopListening = stop;
      }
      let caughtUpOnce = false;
      let chaseDelay = firstChaseDelayMs;
      while (!subscriber.closed) {
        const page = await this.readPage(after, batchSize);
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
          chaseDelay = page.length > 0 ? firstChaseDelayMs : Math.min(chaseDelay * 2, this.idlePollMs);
          if (chaseDelay === this.idlePollMs) {
            // Chased long enough (a long transaction, or a position from a rolled-back savepoint):
            // go back to waiting, so that the next commit wakes us at once.
            knownCommitted = -1n;
          }
          await pause(chaseDelay, false);
        } else {
          chaseDelay = firstChaseDelayMs;
          await pause(this.idlePollMs, true);
        }
      }
    };

    const entry = { subscriber, done: Promise.resolve() };
    entry.done = loop()
      .catch(fail)
      .finally(() => {
        this.committedListeners.delete(onCommitted);
        this.running.delete(entry);
      });
    this.running.add(entry);

    return () => {
      stopped = true;
      cancelPause?.();
      this.committedListeners.delete(onCommitted);
      stopListening?.().catch(() => undefined);
      stopListening = null;
    };
  }

  private currentSchema(): Promise<string> {
    this.schema ??= this.client
      .query<{ schema: string }>('SELECT current_schema() AS schema')
      .then(({ rows }) => rows[0].schema);
    return this.schema;
  }

  private announceCommitted(position: LogPosition): void {
    for (const listener of this.committedListeners) {
      listener(position);
    }
    // Only PostgreSQL has other processes to tell; an embedded database belongs to this one.
    if (this.client.driver === 'postgres') {
      this.notifyOtherProcesses(BigInt(position));
    }
  }

  /**
   * NOTIFY outside the append's transaction, coalesced: one notification in flight at a time,
   * carrying the highest position committed meanwhile. A NOTIFY inside the append would hold a
   * cluster-wide lock through every commit. Failures are left to the subscribers' poll.
   */
  private notifyOtherProcesses(position: bigint): void {
    if (this.unnotified === null || position > this.unnotified) {
      this.unnotified = position;
    }
    this.notifying ??= (async () => {
      while (this.unnotified !== null) {
        const highest = this.unnotified;
        this.unnotified = null;
        await this.client
          .query("SELECT pg_notify($1, current_schema() || ':' || $2)", [notifyChannel, highest.toString()])
          .catch(() => undefined);
      }
      this.notifying = null;
    })();
  }

  private assertOpen(): void {
    if (this.closing !== null) {
      throw new Error('The event store is closed');
    }
  }
}

function pendingAppend(streamId: string, events: readonly NewEvent[], expectedVersion: ExpectedVersion): PendingAppend {
  assertValidAppend(streamId, events, expectedVersion);
  return {
    streamId,
    expectedVersion,
    expected: expectedVersion === 'any' ? -1 : expectedVersion === 'no_stream' ? 0 : expectedVersion,
    eventsJson: JSON.stringify(
      events.map((event) => ({
        eventId: event.eventId.toLowerCase(),
        type: event.type,
        data: event.data,
        metadata: event.metadata,
      })),
    ),
    eventCount: events.length,
  };
}

/** The argument of `append_events_batch`, assembled from each append's JSON made once. */
function batchJson(appends: readonly PendingAppend[]): string {
  const items = appends.map(
    (append) =>
      `{"streamId":${JSON.stringify(append.streamId)},"expectedVersion":${append.expected},"events":${append.eventsJson}}`,
  );
  return `[${items.join(',')}]`;
}

function outcomesByItem(rows: readonly AppendBatchRow[], count: number): BatchedAppendOutcome[] {
  const outcomes: BatchedAppendOutcome[] = Array.from({ length: count }, () => ({
    error: { message: 'The batch did not answer this append' },
  }));
  for (const row of rows) {
    outcomes[row.item] = batchedOutcome(row);
  }
  return outcomes;
}

function lastWrittenPosition(outcomes: readonly BatchedAppendOutcome[]): LogPosition | null {
  let last: LogPosition | null = null;
  for (const outcome of outcomes) {
    if ('result' in outcome && !outcome.result.replayed && compareLogPositions(outcome.result.position, last) > 0) {
      last = outcome.result.position;
    }
  }
  return last;
}

function batchedOutcome(row: AppendBatchRow): BatchedAppendOutcome {
  if (row.error_code !== null) {
    return {
      error: {
        code: row.error_code,
        message: row.error_message ?? undefined,
        detail: row.error_detail ?? undefined,
        constraint: row.error_constraint ?? undefined,
      },
    };
  }
  return { result: { version: row.new_version!, position: row.last_position!, replayed: row.replayed! } };
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamId: row.stream_id,
    version: row.stream_version,
    position: row.position,
    recordedAt: new Date(row.recorded_at).toISOString(),
  };
}

function databaseErrorFields(error: unknown): DatabaseErrorFields {
  return (typeof error === 'object' && error !== null ? error : {}) as DatabaseErrorFields;
}

/** SQLSTATE class 22 (data exception): the server refused a value. */
function isDataException(error: unknown): boolean {
  return databaseErrorFields(error).code?.startsWith('22') ?? false;
}

function translateAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
  const fields = databaseErrorFields(error);
  switch (fields.code) {
    case 'ES001':
    case 'ES003': {
      const actual = Number(fields.detail);
      return new ConcurrencyError(streamId, expected, Number.isInteger(actual) && actual > 0 ? actual : null);
    }
    case 'ES002':
      return new EventIdConflictError(streamId);
    case 'ES004':
      return new InvalidEventStoreInputError(fields.message ?? 'too many events in one transaction');
    case '23505':
      // Only reachable when the caller's transaction read an older snapshot (repeatable read) or
      // raced another append with the same event ids on a different stream.
      if (fields.constraint === 'events_event_id_unique') {
        return new EventIdConflictError(streamId);
      }
      if (fields.constraint === 'events_stream_version_unique') {
        return new ConcurrencyError(streamId, expected, null);
      }
      return error;
    default:
      return error;
  }
}
