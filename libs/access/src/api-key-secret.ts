import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * An API key secret: `plk_<keyId>_<random>`. The prefix makes a leaked key easy to recognise
 * (secret scanners, log greps); the key id, public and stored in events, finds the key without
 * scanning; the 256 random bits are the credential. Only a SHA-256 of the whole secret is kept:
 * a secret this random needs no slow hash, and the comparison is constant-time.
 */
export const API_KEY_PREFIX = 'plk_';

const KEY_ID_LENGTH = 16;
const SECRET_BYTES = 32;
const FORMAT = /^plk_([a-z2-7]{16})_([A-Za-z0-9_-]{43})$/;
const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Secrets chosen by an operator (`AUTH_BOOTSTRAP_KEY`) need not have our format, only this. */
export const MIN_FOREIGN_SECRET_LENGTH = 24;
const FOREIGN_SECRET = /^[\x21-\x7e]{24,512}$/;

export interface NewApiKeySecret {
  readonly keyId: string;
  readonly secret: string;
}

export function generateApiKeySecret(): NewApiKeySecret {
  const idBytes = randomBytes(KEY_ID_LENGTH);
  const keyId = Array.from(idBytes, (byte) => BASE32[byte & 31]).join('');
  const secret = `${API_KEY_PREFIX}${keyId}_${randomBytes(SECRET_BYTES).toString('base64url')}`;
  return { keyId, secret };
}

/** Whether `secret` may be used as a key at all: ours, or a long enough printable string. */
export function isAcceptableSecret(secret: string): boolean {
  return FORMAT.test(secret) || FOREIGN_SECRET.test(secret);
}

/**
 * The key id a presented secret claims: read from our format, or derived from an operator-chosen
 * secret (so it too is found by id). Null for something that cannot be a key.
 */
export function keyIdOf(secret: string): string | null {
  const match = FORMAT.exec(secret);
  if (match) return match[1];
  if (!FOREIGN_SECRET.test(secret)) return null;
  return `x${createHash('sha256').update(`key-id\u0000${secret}`).digest('hex').slice(0, KEY_ID_LENGTH - 1)}`;
}

export function hashApiKeySecret(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

/** Constant-time: how much of a guess is right must not show in the time it takes to refuse it. */
export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const presented = hashApiKeySecret(secret);
  return storedHash.length === presented.length && timingSafeEqual(presented, storedHash);
}
