import { InvalidEventStoreInputError } from '../event-store.errors';
import type { AppendResult, LogPosition } from '../event-store.port';
import { databaseErrorFields, isDataException, isRefusalOfTheAppend, translateAppendError } from './append-error.translator';
import {
  appendResultOf,
  lastWrittenPosition,
  outcomesByItem,
  type AppendBatchRow,
  type AppendRow,
  type BatchedAppendOutcome,
} from './append-outcome.mapper';
import { AppendBatcher, type AppendBatchLimits } from './append-batcher';
import { batchJson, type PendingAppend } from './pending-append';
import type { SqlClient, SqlDriver } from './sql-client';
import { TransactionSqlClient } from './transaction-client';

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
 * Writes appends: concurrent ones grouped into one call of `append_events_batch` (one transaction,
 * one commit), or each as one call of `append_events` when batching is off or the client is bound
 * to a caller's transaction. `onWritten` hears the last position written, for the wake-ups.
 */
export class SqlStreamAppender {
  private readonly batcher: AppendBatcher<PendingAppend, BatchedAppendOutcome> | null;

  constructor(
    private readonly client: SqlClient,
    batching: Partial<AppendBatchLimits> | false | undefined,
    private readonly onWritten: (position: LogPosition) => void,
  ) {
    this.batcher = this.createBatcher(batching);
  }

  append(append: PendingAppend): Promise<AppendResult> {
    return this.batcher === null ? this.appendAlone(append) : this.appendInBatch(append, this.batcher);
  }

  private createBatcher(
    batching: Partial<AppendBatchLimits> | false | undefined,
  ): AppendBatcher<PendingAppend, BatchedAppendOutcome> | null {
    if (batching === false || this.client instanceof TransactionSqlClient) {
      return null;
    }
    const limits = { ...defaultAppendBatchLimits[this.client.driver], ...batching };
    if (limits.maxAppends > maxAppendsPerBatch) {
      throw new InvalidEventStoreInputError(`appendBatching.maxAppends must be at most ${maxAppendsPerBatch}`);
    }
    return new AppendBatcher((appends) => this.appendBatch(appends), limits);
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
    const result = appendResultOf(row);
    if (!result.replayed) {
      this.onWritten(result.position);
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
    if (isRefusalOfTheAppend(outcome.error)) {
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
      this.onWritten(last);
    }
    return outcomes;
  }
}
