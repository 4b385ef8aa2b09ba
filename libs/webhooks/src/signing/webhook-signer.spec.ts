import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, webhookSecretKey } from './webhook-secret';
import { signWebhook } from './webhook-signer';

// Verified by the `standardwebhooks` package, an implementation of the specification written by others.
const body = JSON.stringify({ specversion: '1.0', id: 'evt-1', type: 'PartnerEnabled', data: { partnerId: 'p-1', note: 'ünïcode ✓' } });
const headersOf = (signed: ReturnType<typeof signWebhook>): Record<string, string> => ({ ...signed });

describe('signing a webhook delivery', () => {
  it('makes secrets of whsec_ and 32 random bytes, never the same twice', () => {
    const first = newWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(webhookSecretKey(first)).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(first);
  });

  it('produces headers that the standardwebhooks package verifies with the endpoint secret', () => {
    const secret = newWebhookSecret();
    const signed = signWebhook({ id: 'evt-1', at: new Date(), body }, [secret]);
    expect(signed['webhook-id']).toBe('evt-1');
    expect(signed['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headersOf(signed))).toEqual(JSON.parse(body));
  });

  it('signs the bytes sent: a Buffer body verifies as the same string does', () => {
    const secret = newWebhookSecret();
    const signed = signWebhook({ id: 'evt-2', at: new Date(), body: Buffer.from(body) }, [secret]);
    expect(() => new Webhook(secret).verify(body, headersOf(signed))).not.toThrow();
  });

  it('during a rotation, verifies with the old secret and with the new one', () => {
    const [previous, current] = [newWebhookSecret(), newWebhookSecret()];
    const signed = signWebhook({ id: 'evt-3', at: new Date(), body }, [current, previous]);
    expect(signed['webhook-signature'].split(' ')).toHaveLength(2);
    expect(() => new Webhook(previous).verify(body, headersOf(signed))).not.toThrow();
    expect(() => new Webhook(current).verify(body, headersOf(signed))).not.toThrow();
  });

  it('is refused by a receiver for another secret, a changed body or a changed id', () => {
    const secret = newWebhookSecret();
    const signed = signWebhook({ id: 'evt-4', at: new Date(), body }, [secret]);
    expect(() => new Webhook(newWebhookSecret()).verify(body, headersOf(signed))).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body.replace('p-1', 'p-2'), headersOf(signed))).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret).verify(body, { ...headersOf(signed), 'webhook-id': 'evt-5' })).toThrow(WebhookVerificationError);
  });

  it('is refused by a receiver when the attempt was signed more than five minutes ago', () => {
    const secret = newWebhookSecret();
    const signed = signWebhook({ id: 'evt-6', at: new Date(Date.now() - 6 * 60_000), body }, [secret]);
    expect(() => new Webhook(secret).verify(body, headersOf(signed))).toThrow('Message timestamp too old');
  });

  it('refuses to sign without a secret, or with one that is not a whsec_ key', () => {
    expect(() => signWebhook({ id: 'evt-7', at: new Date(), body }, [])).toThrow('at least one secret');
    expect(() => signWebhook({ id: 'evt-7', at: new Date(), body }, ['not-a-secret'])).toThrow('whsec_');
    expect(() => signWebhook({ id: 'evt-7', at: new Date(), body }, ['whsec_c2hvcnQ='])).toThrow('24 to 64 bytes');
  });
});
