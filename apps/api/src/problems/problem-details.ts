import { HttpException } from '@nestjs/common';
import { DomainError, type ErrorKind } from '@partnerships/domain';
import { HttpProblemError } from './http-problem.error';

export interface FieldError {
  /** Where the problem is: `saleAmount.amountMinor`, `headers.if-match`, `params.id`. */
  readonly path: string;
  readonly message: string;
}

/** RFC 9457 problem details with our stable `code`. */
export interface ProblemDetails {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly errors?: readonly FieldError[];
  readonly [extension: string]: unknown;
}

/** The one place where an error kind becomes an HTTP status. */
export const STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  validation: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  concurrency: 409,
  precondition: 412,
  rule: 422,
};

const TITLES: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function problem(status: number, code: string, detail: string, extensions: Record<string, unknown> = {}): ProblemDetails {
  return {
    // Extensions first: they must never overwrite the standard members.
    ...extensions,
    type: `/problems/${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    detail,
    code,
  };
}

/** Codes for errors raised by the HTTP stack itself rather than by our code. */
const CODE_BY_STATUS: Readonly<Record<number, string>> = {
  400: 'BAD_REQUEST',
  404: 'ROUTE_NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  503: 'SERVICE_UNAVAILABLE',
};

/** The domain names a field `field`; the HTTP edge names it `path`. Both reach clients as `path`. */
type DetailedFieldError = { readonly path?: string; readonly field?: string; readonly message: string };

function toFieldError(error: DetailedFieldError): FieldError {
  return { path: error.path ?? error.field ?? '', message: error.message };
}

export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof DomainError) {
    const { errors, ...details } = (error.details ?? {}) as { errors?: readonly DetailedFieldError[] };
    return problem(STATUS_BY_KIND[error.kind], error.code, error.message, {
      ...details,
      ...(errors === undefined ? {} : { errors: errors.map(toFieldError) }),
    });
  }
  if (error instanceof HttpProblemError) {
    return problem(error.status, error.code, error.message);
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const response = error.getResponse();
    // Terminus answers a failed health check with the state of every check: keep it.
    const checks = typeof response === 'object' && response !== null && 'details' in response ? { checks: response.details } : {};
    return problem(status, CODE_BY_STATUS[status] ?? 'HTTP_ERROR', error.message, checks);
  }
  return problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged.');
}
