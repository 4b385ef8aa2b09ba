import { compareLogPositions, type AppendResult, type LogPosition } from '../event-store.port';
import type { DatabaseErrorFields } from './append-error.translator';

/** A row of `append_events`. */
export interface AppendRow {
  readonly new_version: number;
  readonly last_position: string;
  readonly replayed: boolean;
}

/** A row of `append_events_batch`: the outcome of the append at index `item`. */
export interface AppendBatchRow {
  readonly item: number;
  readonly new_version: number | null;
  readonly last_position: string | null;
  readonly replayed: boolean | null;
  readonly error_code: string | null;
  readonly error_message: string | null;
  readonly error_detail: string | null;
  readonly error_constraint: string | null;
}

export type BatchedAppendOutcome = { readonly result: AppendResult } | { readonly error: DatabaseErrorFields };

export function appendResultOf(row: AppendRow): AppendResult {
  return { version: row.new_version, position: row.last_position, replayed: row.replayed };
}

/** One outcome per append, in the batch's order; an append the batch left unanswered gets an error. */
export function outcomesByItem(rows: readonly AppendBatchRow[], count: number): BatchedAppendOutcome[] {
  const outcomes: BatchedAppendOutcome[] = Array.from({ length: count }, () => ({
    error: { message: 'The batch did not answer this append' },
  }));
  for (const row of rows) {
    outcomes[row.item] = batchedOutcome(row);
  }
  return outcomes;
}

/** The highest position the batch wrote; replays wrote nothing. */
export function lastWrittenPosition(outcomes: readonly BatchedAppendOutcome[]): LogPosition | null {
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
