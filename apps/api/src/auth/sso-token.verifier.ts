import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { SsoConfig } from '@partnerships/config';

/** What a valid token names: the value of the configured claim. */
export type SsoVerification = { readonly claimValue: string } | { readonly failure: 'invalid' | 'no-claim' };

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function looksLikeJwt(token: string): boolean {
  return JWT_SHAPE.test(token);
}

/**
 * Bearer JWTs from the company's identity provider, checked with `jose`: signature against the
 * provider's published keys (fetched and cached by `createRemoteJWKSet`, refreshed on an unknown
 * key id), issuer, audience, expiry and not-before.
 */
export class SsoTokenVerifier {
  private readonly keys: ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: SsoConfig) {
    this.keys = createRemoteJWKSet(new URL(config.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000 });
  }

  async verify(token: string): Promise<SsoVerification> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.keys, { issuer: this.config.issuer, audience: this.config.audience, clockTolerance: 5 }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) return { failure: 'invalid' };
      throw error;
    }
    const value = payload[this.config.claim];
    return typeof value === 'string' && value !== '' ? { claimValue: value } : { failure: 'no-claim' };
  }
}
