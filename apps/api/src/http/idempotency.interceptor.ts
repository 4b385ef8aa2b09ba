import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, SetMetadata } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { RuleViolationError } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, from, mergeMap, of } from 'rxjs';
import { SQL_CLIENT } from '../store/store.tokens';
import { idempotencyScope, requestFingerprint } from './request-context.decorator';

const SHOWS_SECRET = 'partnerships:shows-secret';

/** On a route whose answer holds a secret shown once: its answer is never stored for replay. */
export const ShowsSecret = () => SetMetadata(SHOWS_SECRET, true);

interface StoredResponse {
  readonly request_hash: string;
  readonly status_code: number;
  readonly response: unknown;
}

/**
 * `Idempotency-Key` on POST/PUT: the first successful answer is kept and returned to every retry.
 * The event ids derived from the key (see event-envelope) cover a crash between writing the events
 * and keeping the answer: the retry then finds its events in the stream and writes nothing.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    private readonly reflector: Reflector,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const header = request.headers['idempotency-key'];
    if (typeof header !== 'string' || (request.method !== 'POST' && request.method !== 'PUT')) return next.handle();
    // An answer that shows a secret is never kept: a retry issues a new one (see docs/security.md).
    if (this.reflector.get<boolean>(SHOWS_SECRET, context.getHandler())) return next.handle();
    const key = idempotencyScope(request, header);
    const fingerprint = requestFingerprint(request);
    const reply = context.switchToHttp().getResponse<FastifyReply>();

    return from(this.find(key)).pipe(
      mergeMap((stored) => {
        if (stored === null) {
          return next.handle().pipe(mergeMap((response) => from(this.keep(key, fingerprint, reply.statusCode, response))));
        }
        if (stored.request_hash !== fingerprint) {
          throw new RuleViolationError(
            'IDEMPOTENCY_KEY_REUSED',
            'This Idempotency-Key was already used with a different request',
          );
        }
        void reply.status(stored.status_code).header('Idempotent-Replayed', 'true');
        return of(stored.response);
      }),
    );
  }

  private async find(key: string): Promise<StoredResponse | null> {
    const { rows } = await this.sql.query<StoredResponse>(
      'select request_hash, status_code, response from idempotency_records where key = $1',
      [key],
    );
    return rows[0] ?? null;
  }

  private async keep(key: string, fingerprint: string, status: number, response: unknown): Promise<unknown> {
    await this.sql.query(
      `insert into idempotency_records (key, request_hash, status_code, response)
       values ($1, $2, $3, $4) on conflict (key) do nothing`,
      [key, fingerprint, status, JSON.stringify(response)],
    );
    return response;
  }
}
