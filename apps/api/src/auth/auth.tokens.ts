import type { AuthConfig } from '@partnerships/config';

export const AUTH_SETTINGS = Symbol('AUTH_SETTINGS');

export interface AuthSettings extends AuthConfig {
  /** How old a credential's facts may be before they are read again (role changes, revocations elsewhere). */
  readonly credentialMaxAgeMs: number;
}

/** The result of the first-start key bootstrap, printed by `main` once it listens. */
export const OWNER_BOOTSTRAP = Symbol('OWNER_BOOTSTRAP');
