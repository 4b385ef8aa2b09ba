import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { CredentialDirectory, findTeammate, type CredentialFailure, type Principal } from '@partnerships/access';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import { teammateIdsByEmail } from '@partnerships/projections';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/rate-limit';
import { HttpProblemError } from '../problems/http-problem.error';
import { EVENT_STORE, SQL_CLIENT } from '../store/store.tokens';
import { AUTH_SETTINGS, type AuthSettings } from './auth.tokens';
import { looksLikeJwt, SsoTokenVerifier } from './sso-token.verifier';

const CHALLENGE = 'Bearer realm="partnerships"';
const FAILURE_WINDOW_MS = 60_000;

const FAILURE_DETAIL: Readonly<Record<CredentialFailure | 'sso-invalid' | 'sso-unknown', string>> = {
  malformed: 'The bearer credential is not an API key of this service',
  unknown: 'The API key is not known',
  revoked: 'The API key was revoked, or its teammate removed',
  expired: 'The API key has expired',
  'sso-invalid': 'The token failed verification (signature, issuer, audience or expiry)',
  'sso-unknown': 'The token is valid but names no teammate of this service',
};

type RateLimitCheck = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Establishes who a request acts as from `Authorization: Bearer …`: an API key, or with single
 * sign-on configured a JWT from the identity provider. Failures answer 401 with a challenge;
 * an address that keeps failing gets 429 (counted by @fastify/rate-limit, failures only).
 */
@Injectable()
export class BearerAuthenticator {
  private readonly logger = new Logger(BearerAuthenticator.name);
  private readonly sso: SsoTokenVerifier | null;
  private readonly ssoTeammates = new Map<string, { readonly at: number; readonly teammateId: Promise<string | null> }>();
  private limiter: RateLimitCheck | null = null;

  constructor(
    private readonly directory: CredentialDirectory,
    @Inject(AUTH_SETTINGS) private readonly settings: AuthSettings,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(SQL_CLIENT) private readonly sql: SqlClient,
    @Optional() private readonly adapterHost?: HttpAdapterHost,
  ) {
    this.sso = settings.sso === null ? null : new SsoTokenVerifier(settings.sso);
  }

  async authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header === undefined || header === '') {
      throw new HttpProblemError(401, 'UNAUTHENTICATED', 'Send credentials: Authorization: Bearer <API key>', { 'WWW-Authenticate': CHALLENGE });
    }
    const match = /^Bearer +(\S+) *$/i.exec(header);
    if (match === null) {
      return this.refuse(request, 'invalid_request', 'The Authorization header must be "Bearer <API key>"');
    }
    const token = match[1];
    if (this.sso !== null && looksLikeJwt(token)) {
      return this.authenticateJwt(request, token, this.sso);
    }
    const result = await this.directory.authenticate(token);
    if ('principal' in result) return result.principal;
    return this.refuse(request, 'invalid_token', FAILURE_DETAIL[result.failure]);
  }

  private async authenticateJwt(request: FastifyRequest, token: string, sso: SsoTokenVerifier): Promise<Principal> {
    let verified;
    try {
      verified = await sso.verify(token);
    } catch (error) {
      this.logger.warn(`identity provider keys unavailable: ${error instanceof Error ? error.message : String(error)}`);
      throw new HttpProblemError(503, 'IDENTITY_PROVIDER_UNAVAILABLE', 'The identity provider\'s signing keys cannot be fetched; try again shortly');
    }
    if ('failure' in verified) return this.refuse(request, 'invalid_token', FAILURE_DETAIL['sso-invalid']);
    const teammateId = await this.teammateNamed(verified.claimValue);
    const teammate = teammateId === null ? null : await findTeammate(this.store, teammateId);
    if (teammate === null || teammate.removed) return this.refuse(request, 'invalid_token', FAILURE_DETAIL['sso-unknown']);
    return { kind: 'teammate', teammateId: teammate.teammateId, role: teammate.role, keyId: null };
  }

  /** The configured claim names a teammate by email (matched in the teammates read model) or by id. */
  private teammateNamed(claimValue: string): Promise<string | null> {
    if (this.settings.sso?.claim !== 'email') return Promise.resolve(claimValue);
    const now = Date.now();
    const cached = this.ssoTeammates.get(claimValue);
    if (cached !== undefined && now - cached.at < this.settings.credentialMaxAgeMs) return cached.teammateId;
    const teammateId = teammateIdsByEmail(this.sql, claimValue).then((ids) => (ids.length === 1 ? ids[0] : null));
    if (this.ssoTeammates.size > 10_000) this.ssoTeammates.clear();
    this.ssoTeammates.set(claimValue, { at: now, teammateId });
    // Only a match is remembered: a teammate just added is found on the next request.
    void teammateId.then(
      (id) => id === null && this.ssoTeammates.delete(claimValue),
      () => this.ssoTeammates.delete(claimValue),
    );
    return teammateId;
  }

  private async refuse(request: FastifyRequest, error: 'invalid_request' | 'invalid_token', detail: string): Promise<never> {
    const limit = await this.failureLimit()(request);
    if (!limit.isAllowed && limit.isExceeded) {
      throw new HttpProblemError(429, 'TOO_MANY_FAILED_AUTHENTICATIONS', `Too many failed authentications from this address; retry in ${limit.ttlInSeconds} s`, {
        'Retry-After': String(limit.ttlInSeconds),
      });
    }
    throw new HttpProblemError(401, 'UNAUTHENTICATED', detail, { 'WWW-Authenticate': `${CHALLENGE}, error="${error}"` });
  }

  private failureLimit(): RateLimitCheck {
    if (this.limiter === null) {
      const fastify = this.adapterHost?.httpAdapter.getInstance<FastifyInstance>();
      if (fastify === undefined || typeof fastify.createRateLimit !== 'function') {
        throw new Error('@fastify/rate-limit must be registered before the first request');
      }
      this.limiter = fastify.createRateLimit({ max: this.settings.failuresPerMinute, timeWindow: FAILURE_WINDOW_MS });
    }
    return this.limiter;
  }
}
