import { createHmac } from 'node:crypto';
import { webhookSecretKey } from './webhook-secret';

/** The three headers of a signed delivery, as the Standard Webhooks specification names them. */
export interface WebhookSignatureHeaders {
  /** The message id: the same on every attempt, so the receiver can drop a repeat. */
  readonly 'webhook-id': string;
  /** Seconds since the epoch when this attempt was signed. */
  readonly 'webhook-timestamp': string;
  /** `v1,<base64 HMAC-SHA256>`, one per current secret, separated by spaces. */
  readonly 'webhook-signature': string;
}

export interface SignedMessage {
  readonly id: string;
  readonly at: Date;
  /** The exact bytes sent as the body: the signature covers them, not a re-serialisation. */
  readonly body: Buffer | string;
}

/**
 * Signs one attempt with every current secret of the endpoint: the content signed is
 * `${id}.${timestamp}.${body}`. After a rotation both the new secret and the old one (for its
 * overlap) sign, so a receiver holding either key accepts the delivery.
 */
export function signWebhook(message: SignedMessage, secrets: readonly string[]): WebhookSignatureHeaders {
  if (secrets.length === 0) throw new Error('a webhook is signed with at least one secret');
  const timestamp = String(Math.floor(message.at.getTime() / 1000));
  const signatures = secrets.map((secret) => {
    const hmac = createHmac('sha256', webhookSecretKey(secret));
    hmac.update(`${message.id}.${timestamp}.`);
    hmac.update(message.body);
    return `v1,${hmac.digest('base64')}`;
  });
  return { 'webhook-id': message.id, 'webhook-timestamp': timestamp, 'webhook-signature': signatures.join(' ') };
}
