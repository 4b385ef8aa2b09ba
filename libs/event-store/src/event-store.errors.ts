import { ConflictError, ErrorCodes } from '@partnerships/domain';

/** The caller passed something no store accepts: a bug in the caller, not a user mistake. */
export class InvalidEventStoreInputError extends Error {
  readonly code = 'INVALID_EVENT_STORE_INPUT';

  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventStoreInputError';
  }
}

/**
 * Some event ids of an append are already stored, but not as this same append to this stream;
 * re-appending exactly the stored events is an idempotent no-op instead.
 */
export class EventIdConflictError extends ConflictError {
  constructor(readonly streamId: string) {
    super(ErrorCodes.EVENT_ID_CONFLICT, `Some event ids appended to stream ${streamId} are already stored elsewhere`, {
      streamId,
    });
  }
}

/** An import needs an empty store: the log already holds events. */
export class StoreNotEmptyError extends Error {
  readonly code = 'STORE_NOT_EMPTY';

  constructor(readonly headPosition: string | null) {
    super(`the target store is not empty${headPosition === null ? '' : ` (its log reaches position ${headPosition})`}: an import needs an empty store`);
    this.name = 'StoreNotEmptyError';
  }
}
