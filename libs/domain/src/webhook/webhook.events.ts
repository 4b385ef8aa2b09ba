import type { DomainEvent } from '../shared/event';

/** `["*"]`: every event type, those added later included; otherwise the listed types only. */
export type WebhookEventTypes = readonly string[];

/**
 * An endpoint was registered to receive the log as signed webhooks from this event on. The
 * secret never appears in an event: it is kept encrypted beside the log (docs/webhooks.md).
 */
export type WebhookRegistered = DomainEvent<
  'WebhookRegistered',
  {
    readonly webhookId: string;
    readonly url: string;
    readonly eventTypes: WebhookEventTypes;
    readonly description: string | null;
  }
>;

/** Its URL, event types or description changed; the event carries all three as they are now. */
export type WebhookUpdated = DomainEvent<
  'WebhookUpdated',
  {
    readonly webhookId: string;
    readonly url: string;
    readonly eventTypes: WebhookEventTypes;
    readonly description: string | null;
  }
>;

/** Deliveries resume from where they stopped (its checkpoint and pending deliveries). */
export type WebhookEnabled = DomainEvent<'WebhookEnabled', { readonly webhookId: string }>;

/** Deliveries stop: asked by an admin (`requested`), or after the retry limit (`failing`). */
export type WebhookDisabled = DomainEvent<
  'WebhookDisabled',
  {
    readonly webhookId: string;
    readonly cause: 'requested' | 'failing';
    readonly reason: string | null;
  }
>;

/** A new secret signs from now on; the previous one signs beside it until `previousSecretExpiresAt`. */
export type WebhookSecretRotated = DomainEvent<
  'WebhookSecretRotated',
  {
    readonly webhookId: string;
    readonly previousSecretExpiresAt: string;
  }
>;

/** Deliveries stop for good; the id is not reused. */
export type WebhookDeleted = DomainEvent<'WebhookDeleted', { readonly webhookId: string }>;

export type WebhookEvent = WebhookRegistered | WebhookUpdated | WebhookEnabled | WebhookDisabled | WebhookSecretRotated | WebhookDeleted;

export type WebhookEventType = WebhookEvent['type'];

export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  'WebhookRegistered',
  'WebhookUpdated',
  'WebhookEnabled',
  'WebhookDisabled',
  'WebhookSecretRotated',
  'WebhookDeleted',
];
