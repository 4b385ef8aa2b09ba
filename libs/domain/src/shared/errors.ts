/**
 * Every stable error code of the domain and of the layers around it, so that the HTTP error
 * mapping, the OpenAPI document and the CLI share one list.
 */
export const ErrorCodes = {
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  VERSION_CONFLICT: 'VERSION_CONFLICT',
  PRECONDITION_FAILED: 'PRECONDITION_FAILED',
  IDEMPOTENCY_KEY_REUSED: 'IDEMPOTENCY_KEY_REUSED',
  EVENT_ID_CONFLICT: 'EVENT_ID_CONFLICT',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL: 'INTERNAL',

  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',

  INVALID_MONEY: 'INVALID_MONEY',
  INVALID_AMOUNT: 'INVALID_AMOUNT',
  CURRENCY_MISMATCH: 'CURRENCY_MISMATCH',

  PARTNER_NOT_FOUND: 'PARTNER_NOT_FOUND',
  PARTNER_ALREADY_EXISTS: 'PARTNER_ALREADY_EXISTS',
  PARTNER_NOT_SELECTED: 'PARTNER_NOT_SELECTED',
  PARTNER_NOT_ONBOARDED: 'PARTNER_NOT_ONBOARDED',
  PARTNER_NOT_ENABLED: 'PARTNER_NOT_ENABLED',
  PARTNER_OFFBOARDED: 'PARTNER_OFFBOARDED',
  CLEARANCE_REQUIRED: 'CLEARANCE_REQUIRED',
  OVERRIDE_NOT_PERMITTED: 'OVERRIDE_NOT_PERMITTED',
  MANAGER_ROLE_INSUFFICIENT: 'MANAGER_ROLE_INSUFFICIENT',

  TEAMMATE_NOT_FOUND: 'TEAMMATE_NOT_FOUND',
  TEAMMATE_ALREADY_EXISTS: 'TEAMMATE_ALREADY_EXISTS',
  TEAMMATE_REMOVED: 'TEAMMATE_REMOVED',

  API_KEY_NOT_FOUND: 'API_KEY_NOT_FOUND',
  API_KEY_ALREADY_EXISTS: 'API_KEY_ALREADY_EXISTS',

  WEBHOOK_NOT_FOUND: 'WEBHOOK_NOT_FOUND',
  WEBHOOK_ALREADY_EXISTS: 'WEBHOOK_ALREADY_EXISTS',
  WEBHOOK_URL_REFUSED: 'WEBHOOK_URL_REFUSED',
  WEBHOOK_DELIVERY_NOT_FOUND: 'WEBHOOK_DELIVERY_NOT_FOUND',

  LEAD_ID_CONFLICT: 'LEAD_ID_CONFLICT',
  LEAD_NOT_FOUND: 'LEAD_NOT_FOUND',

  COMMISSION_ID_CONFLICT: 'COMMISSION_ID_CONFLICT',
  COMMISSION_NOT_FOUND: 'COMMISSION_NOT_FOUND',
  COMMISSION_ALREADY_PAID: 'COMMISSION_ALREADY_PAID',
  COMMISSION_REVERSED: 'COMMISSION_REVERSED',
  COMMISSION_ALREADY_REVERSED: 'COMMISSION_ALREADY_REVERSED',

  INVOICE_ID_CONFLICT: 'INVOICE_ID_CONFLICT',
  INVOICE_NOT_FOUND: 'INVOICE_NOT_FOUND',
  INVOICE_ALREADY_SETTLED: 'INVOICE_ALREADY_SETTLED',

  MDF_ID_CONFLICT: 'MDF_ID_CONFLICT',
  MDF_NOT_FOUND: 'MDF_NOT_FOUND',
  MDF_DELIVERABLE_ALREADY_RECEIVED: 'MDF_DELIVERABLE_ALREADY_RECEIVED',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The category decides the transport status (400, 403, 404, 409, 422, 409, 412). */
export type ErrorKind = 'validation' | 'forbidden' | 'not_found' | 'conflict' | 'rule' | 'concurrency' | 'precondition';

/** One invalid input field, with a path relative to the command data (e.g. `saleAmount.currency`). */
export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind: ErrorKind;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  readonly kind = 'validation';

  /** Details always carry `errors: FieldError[]`, so the edge can map them to field paths. */
  static forField(field: string, message: string, code: ErrorCode = ErrorCodes.VALIDATION_FAILED): ValidationError {
    const errors: FieldError[] = [{ field, message }];
    return new ValidationError(code, `${field}: ${message}`, { errors });
  }
}

/** A rule about roles refuses the caller: its role is too low for what it asks. */
export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';

  constructor(message: string, details?: Readonly<Record<string, unknown>>) {
    super(ErrorCodes.FORBIDDEN, message, details);
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not_found';
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';
}

export class RuleViolationError extends DomainError {
  readonly kind = 'rule';
}

/** The stream moved on between reading and appending (optimistic concurrency). */
export class ConcurrencyError extends DomainError {
  readonly kind = 'concurrency';

  constructor(
    readonly streamId: string,
    readonly expected: string | number,
    readonly actual: number | null,
  ) {
    super(
      ErrorCodes.VERSION_CONFLICT,
      `Stream ${streamId} is at version ${actual ?? 'none'}, expected ${expected}`,
      { streamId, expected, actual },
    );
  }
}

/** The caller's `If-Match` version does not match the stream's current version. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition';

  constructor(
    readonly streamId: string,
    readonly expected: number,
    readonly actual: number,
  ) {
    super(
      ErrorCodes.PRECONDITION_FAILED,
      `Stream ${streamId} is at version ${actual}, the request expected ${expected}`,
      { streamId, expected, actual },
    );
  }
}
