import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';
import { principalOf } from '../auth/current-principal.decorator';
import type { FieldError } from '../problems/problem-details';
import { requestValidationError } from './request-validation';

const PRINTABLE = /^[\x21-\x7e]([\x20-\x7e]*[\x21-\x7e])?$/;
const MAX_HEADER_LENGTH = 200;

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

function textHeader(request: FastifyRequest, name: string, problems: FieldError[]): string | null {
  const value = header(request, name);
  if (value === undefined) return null;
  if (value.length > MAX_HEADER_LENGTH || !PRINTABLE.test(value)) {
    problems.push({ path: `headers.${name}`, message: `${name} must be 1 to ${MAX_HEADER_LENGTH} printable ASCII characters` });
    return null;
  }
  return value;
}

/** `If-Match: "7"` (a strong ETag holding the stream version), or a bare `7`. */
function expectedVersion(request: FastifyRequest, problems: FieldError[]): number | null {
  const value = header(request, 'if-match');
  if (value === undefined) return null;
  const match = /^\s*"?(\d{1,9})"?\s*$/.exec(value);
  if (!match) {
    problems.push({ path: 'headers.if-match', message: 'if-match must be a stream version such as "7"' });
    return null;
  }
  return Number(match[1]);
}

function businessTime(request: FastifyRequest, arrivedAt: Date): Date {
  const body = request.body as { occurredAt?: unknown } | undefined;
  const raw = body && typeof body === 'object' ? body.occurredAt : undefined;
  // A malformed occurredAt is refused by the body's DTO; here it only has to not throw.
  const parsed = typeof raw === 'string' ? new Date(raw) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : arrivedAt;
}

/** The request body and route, hashed so that a reused Idempotency-Key with another request is recognised. */
export function requestFingerprint(request: FastifyRequest): string {
  return createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');
}

/** Idempotency keys are the caller's own: another principal's key never replays its answer. */
export function idempotencyScope(request: FastifyRequest, key: string): string {
  return `${actorOf(principalOf(request))} ${key}`;
}

/** The actor is the authenticated principal; an `X-Actor` header is ignored. */
export function commandContextOf(request: FastifyRequest, arrivedAt = new Date()): CommandContext {
  const problems: FieldError[] = [];
  const actor = actorOf(principalOf(request));
  const correlationId = textHeader(request, 'x-correlation-id', problems) ?? String(request.id ?? randomUUID());
  const causationId = textHeader(request, 'x-causation-id', problems);
  const key = textHeader(request, 'idempotency-key', problems);
  const version = expectedVersion(request, problems);
  if (problems.length > 0) throw requestValidationError(problems);
  return {
    actor,
    correlationId,
    causationId,
    occurredAt: businessTime(request, arrivedAt),
    idempotencyKey: key === null ? null : `${idempotencyScope(request, key)}:${requestFingerprint(request)}`,
    expectedVersion: version,
  };
}

/** The command's context: the principal as actor, and from the headers correlation, idempotency, If-Match. */
export const RequestContext = createParamDecorator((_: unknown, context: ExecutionContext): CommandContext =>
  commandContextOf(context.switchToHttp().getRequest<FastifyRequest>()),
);
