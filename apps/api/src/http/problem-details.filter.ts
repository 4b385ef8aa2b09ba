import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@partnerships/domain';
import type { FastifyReply } from 'fastify';
import { HttpProblemError } from './http-problem.error';
import { STATUS_BY_KIND, problem, type FieldError, type ProblemDetails } from './problem-details';

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

/** Every error leaves the API as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof HttpProblemError) void reply.headers(error.headers);
    void reply.status(body.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(body);
  }
}
