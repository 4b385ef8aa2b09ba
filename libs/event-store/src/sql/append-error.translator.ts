import { ConcurrencyError } from '@partnerships/domain';
import { EventIdConflictError, InvalidEventStoreInputError } from '../event-store.errors';
import type { ExpectedVersion } from '../event-store.port';

/** What the store reads from a driver's error, or from an error that a batch reported as a row. */
export interface DatabaseErrorFields {
  readonly code?: string;
  readonly detail?: string;
  readonly constraint?: string;
  readonly message?: string;
}

/**
 * The failures that an append would get alone as well. Any other failure in a batch may come from
 * sharing a transaction with the others (ES003: the batch took its transaction id before this
 * append's stream lock; a deadlock; ES004: the batch used up the transaction's positions; anything
 * unexpected), so the append runs again on its own and gets its own verdict.
 */
const refusalsOfTheAppend = new Set(['ES001', 'ES002', '23505']);

export function isRefusalOfTheAppend(error: DatabaseErrorFields): boolean {
  return refusalsOfTheAppend.has(error.code ?? '');
}

export function databaseErrorFields(error: unknown): DatabaseErrorFields {
  return (typeof error === 'object' && error !== null ? error : {}) as DatabaseErrorFields;
}

/** SQLSTATE class 22 (data exception): the server refused a value. */
export function isDataException(error: unknown): boolean {
  return databaseErrorFields(error).code?.startsWith('22') ?? false;
}

/** The store's typed error for a refused append, or `error` itself when it is no refusal. */
export function translateAppendError(error: unknown, streamId: string, expected: ExpectedVersion): unknown {
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
