import { randomBytes } from 'node:crypto';

/** The prefix of a Standard Webhooks secret: `whsec_` then the key in base64. */
const SECRET_PREFIX = 'whsec_';

/** 32 bytes: the key of HMAC-SHA256 as long as its output (the specification asks 24 to 64). */
const KEY_BYTES = 32;

/** A new endpoint secret, `whsec_…`: shown to the admin once, kept by us only to sign. */
export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(KEY_BYTES).toString('base64')}`;
}

/** The HMAC key of a secret (the bytes after `whsec_`); throws for anything else. */
export function webhookSecretKey(secret: string): Buffer {
  if (!secret.startsWith(SECRET_PREFIX)) throw new Error('a webhook secret starts with whsec_');
  const key = Buffer.from(secret.slice(SECRET_PREFIX.length), 'base64');
  if (key.length < 24 || key.length > 64) throw new Error('a webhook secret holds a key of 24 to 64 bytes');
  return key;
}
