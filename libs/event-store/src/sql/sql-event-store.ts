import { Observable, type Subscriber } from 'rxjs';
import { InvalidEventStoreInputError } from '../event-store.errors';
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
import { assertValidReadAll, assertValidReadStream } from '../event-store.validation';
import type { AppendBatchLimits } from './append-batcher';
import { CommitAnnouncer } from './commit-announcer';
import { pendingAppend } from './pending-append';
import { eventColumns, toRecordedEvent, type EventRow } from './recorded-event.mapper';
import type { SqlClient } from './sql-client';
import { importIntoSql } from './sql-log-import';
import { startLogSubscription } from './sql-log-subscription';
import { SqlStreamAppender } from './sql-stream-appender';

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
 * Positions below `xmin << 20` of the reading statement's own snapshot are final: every
 * transaction with a smaller id has ended, and no new transaction can get one. A scalar subquery,
 * so it is evaluated once and bounds the primary-key scan.
 */
const horizon = '(SELECT pg_snapshot_xmin(pg_current_snapshot())::text::bigint * 1048576)';

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
  private readonly commits: CommitAnnouncer;
  private readonly appender: SqlStreamAppender;
  private readonly running = new Set<{ readonly subscriber: Subscriber<SubscriptionMessage>; done: Promise<void> }>();
  private afterAppend: (position: LogPosition) => void = (position) => this.commits.announce(position);
  private closing: Promise<void> | null = null;
  /** Appends not settled yet; `close()` waits for them before closing the client. */
  private readonly appending = new Set<Promise<void>>();

  constructor(
    private readonly client: SqlClient,
    private readonly options: SqlEventStoreOptions = {},
  ) {
    this.idlePollMs = options.idlePollMs ?? 250;
    this.defaultBatchSize = options.batchSize ?? 500;
    this.commits = new CommitAnnouncer(client);
    // Through `afterAppend`, which a store bound to a transaction replaces.
    this.appender = new SqlStreamAppender(client, options.appendBatching, (position) => this.afterAppend(position));
  }

  async appendToStream(
    streamId: string,
    events: readonly NewEvent[],
    options: { readonly expectedVersion: ExpectedVersion },
  ): Promise<AppendResult> {
    this.assertOpen();
    const append = pendingAppend(streamId, events, options?.expectedVersion);
    return this.track(this.appender.append(append));
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

  /**
   * One transaction: refuses a store that holds events, writes every event with the positions
   * this transaction would give an append, and wakes subscribers after the commit. Any failure
   * (a bad event, the server refusing a value, the source failing) rolls everything back.
   */
  async importLog(events: AsyncIterable<ImportedEvent>): Promise<ImportResult> {
    this.assertOpen();
    const result = await this.track(this.client.transaction((tx) => importIntoSql(tx, events)));
    if (result.lastPosition !== null) {
      this.commits.announce(result.lastPosition);
    }
    return result;
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
      this.commits.announce(lastAppended);
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
      await this.commits.pendingNotify;
      if (this.options.ownsClient) {
        await this.client.close();
      }
    })();
    return this.closing;
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

  private async readPage(after: LogPosition | null, limit: number | null): Promise<RecordedEvent[]> {
    const { rows } = await this.client.query<EventRow>(
      `SELECT ${eventColumns} FROM events e
       WHERE e.position > $1::bigint AND e.position < ${horizon}
       ORDER BY e.position
       LIMIT $2`,
      [sqlPosition(after), limit],
    );
    return rows.map(toRecordedEvent);
  }

  /** Starts the live loop (see sql-log-subscription.ts), which `close()` ends; returns the teardown. */
  private runSubscription(
    subscriber: Subscriber<SubscriptionMessage>,
    start: LogPosition | null,
    batchSize: number,
  ): () => void {
    const subscription = startLogSubscription(subscriber, start, batchSize, {
      readPage: (after, limit) => this.readPage(after, limit),
      commits: this.commits,
      idlePollMs: this.idlePollMs,
    });
    const entry = { subscriber, done: Promise.resolve() };
    entry.done = subscription.done.finally(() => this.running.delete(entry));
    this.running.add(entry);
    return subscription.stop;
  }

  private assertOpen(): void {
    if (this.closing !== null) {
      throw new Error('The event store is closed');
    }
  }
}

const LARGEST_SQL_POSITION = 9_223_372_036_854_775_807n;

/** A valid position beyond bigint (another store's) lies after every event this store can hold. */
function sqlPosition(after: LogPosition | null): string {
  if (after === null) return '-1';
  return BigInt(after) > LARGEST_SQL_POSITION ? LARGEST_SQL_POSITION.toString() : after;
}
