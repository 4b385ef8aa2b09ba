import type { WebhookEventTypes } from './webhook.events';

export interface WebhookSettings {
  readonly webhookId: string;
  readonly url: string;
  readonly eventTypes: WebhookEventTypes;
  readonly description: string | null;
}

export type WebhookState =
  | { readonly status: 'none' }
  | ({ readonly status: 'enabled' | 'disabled' | 'deleted' } & WebhookSettings);

/** Whether an endpoint of these settings receives events of this type. */
export function webhookWants(eventTypes: WebhookEventTypes, eventType: string): boolean {
  return eventTypes[0] === '*' || eventTypes.includes(eventType);
}
