import { ErrorCodes, fold, NotFoundError, WEBHOOK, type WebhookSettings } from '@partnerships/domain';
import { decodeStream, type EventStore, type SqlClient } from '@partnerships/event-store';
import { findWebhookEndpoint, type WebhookEndpoint } from '@partnerships/projections';

export function webhookNotFound(webhookId: string): NotFoundError {
  return new NotFoundError(ErrorCodes.WEBHOOK_NOT_FOUND, `Webhook ${webhookId} does not exist`, { webhookId });
}

/** The endpoint as the API shows it (no log positions, never a secret); 404 when absent or deleted. */
export async function readWebhook(sql: SqlClient, webhookId: string): Promise<WebhookEndpoint> {
  const endpoint = await findWebhookEndpoint(sql, webhookId);
  if (endpoint === null || endpoint.status === 'deleted') throw webhookNotFound(webhookId);
  return endpoint;
}

export function webhookView({ registeredPosition: _registered, resumedPosition: _resumed, ...shown }: WebhookEndpoint) {
  return shown;
}

/**
 * The endpoint as its own stream says now (not the read model, which may lag a write just made):
 * for the routes that act on it. 404 when absent or deleted.
 */
export async function currentWebhook(store: EventStore, webhookId: string): Promise<WebhookSettings & { readonly status: 'enabled' | 'disabled'; readonly registeredPosition: string }> {
  const recorded = await store.readStream(WEBHOOK.streamId(webhookId));
  const state = fold(WEBHOOK.decider, decodeStream(recorded, WEBHOOK.owns));
  if (state.status === 'none' || state.status === 'deleted') throw webhookNotFound(webhookId);
  return { ...state, status: state.status, registeredPosition: recorded[0].position };
}
