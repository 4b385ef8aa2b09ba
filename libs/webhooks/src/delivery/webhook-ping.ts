import { randomUUID } from 'node:crypto';
import { CLOUD_EVENTS_SPEC_VERSION, cloudEventType, PARTNERSHIPS_EVENT_SOURCE } from '@partnerships/messaging';
import { signWebhook } from '../signing/webhook-signer';
import type { AttemptOutcome, WebhookSender } from './webhook-sender';

/** The event type of `POST /v1/webhooks/:id/test`: not on the log, sent once, not retried. */
export const WEBHOOK_PING_TYPE = 'WebhookPing';

/** Sends a signed ping now, outside the delivery queue, and says how the receiver answered. */
export async function sendWebhookPing(sender: WebhookSender, endpoint: { readonly webhookId: string; readonly url: string }, secrets: readonly string[], now = new Date()): Promise<AttemptOutcome & { readonly id: string }> {
  const id = randomUUID();
  const body = JSON.stringify({
    specversion: CLOUD_EVENTS_SPEC_VERSION,
    id,
    source: PARTNERSHIPS_EVENT_SOURCE,
    type: cloudEventType(WEBHOOK_PING_TYPE),
    subject: endpoint.webhookId,
    time: now.toISOString(),
    datacontenttype: 'application/json',
    data: { webhookId: endpoint.webhookId },
  });
  const headers = { ...signWebhook({ id, at: now, body }, secrets), 'content-type': 'application/cloudevents+json' };
  return { id, ...(await sender.send({ url: endpoint.url, headers, body })) };
}
