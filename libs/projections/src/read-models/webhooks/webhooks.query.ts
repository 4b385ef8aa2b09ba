import type { SqlClient } from '@partnerships/event-store';
import { WEBHOOK_ENDPOINTS_TABLE } from './webhooks.projection';

export type WebhookEndpointStatus = 'enabled' | 'disabled' | 'deleted';

/** An endpoint as the API shows it and the delivery workers read it: never its secret. */
export interface WebhookEndpoint {
  readonly webhookId: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string | null;
  readonly status: WebhookEndpointStatus;
  /** Why deliveries stopped, while disabled: `requested` by an admin or `failing` past the retry limit. */
  readonly disabled: { readonly cause: string; readonly reason: string | null } | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  /** Deliveries start after this log position (the registration's own event). */
  readonly registeredPosition: string;
  /** The position of the last registration or re-enabling: waiting deliveries are retried at once after it. */
  readonly resumedPosition: string;
  readonly previousSecretExpiresAt: string | null;
}

interface EndpointRow {
  readonly webhook_id: string;
  readonly url: string;
  readonly event_types: string;
  readonly description: string | null;
  readonly status: WebhookEndpointStatus;
  readonly disabled_cause: string | null;
  readonly disabled_reason: string | null;
  readonly created_at: Date | string;
  readonly created_by: string;
  readonly updated_at: Date | string;
  readonly registered_position: string;
  readonly resumed_position: string;
  readonly previous_secret_expires_at: Date | string | null;
}

const COLUMNS = `webhook_id, url, event_types, description, status, disabled_cause, disabled_reason, created_at, created_by, updated_at,
  registered_position::text AS registered_position, resumed_position::text AS resumed_position, previous_secret_expires_at`;

/** Oldest first; deleted endpoints only when asked for. */
export async function listWebhookEndpoints(client: SqlClient, options: { readonly includeDeleted?: boolean } = {}): Promise<WebhookEndpoint[]> {
  const { rows } = await client.query<EndpointRow>(
    `SELECT ${COLUMNS} FROM ${WEBHOOK_ENDPOINTS_TABLE} WHERE $1::boolean OR status <> 'deleted' ORDER BY created_at, webhook_id`,
    [options.includeDeleted ?? false],
  );
  return rows.map(toEndpoint);
}

/** One endpoint (deleted ones too: the caller decides what a deleted one means). */
export async function findWebhookEndpoint(client: SqlClient, webhookId: string): Promise<WebhookEndpoint | null> {
  const { rows } = await client.query<EndpointRow>(`SELECT ${COLUMNS} FROM ${WEBHOOK_ENDPOINTS_TABLE} WHERE webhook_id = $1`, [webhookId]);
  return rows.length === 0 ? null : toEndpoint(rows[0]);
}

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    webhookId: row.webhook_id,
    url: row.url,
    eventTypes: JSON.parse(row.event_types) as string[],
    description: row.description,
    status: row.status,
    disabled: row.status === 'disabled' && row.disabled_cause !== null ? { cause: row.disabled_cause, reason: row.disabled_reason } : null,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: row.created_by,
    updatedAt: new Date(row.updated_at).toISOString(),
    registeredPosition: row.registered_position,
    resumedPosition: row.resumed_position,
    previousSecretExpiresAt: row.previous_secret_expires_at === null ? null : new Date(row.previous_secret_expires_at).toISOString(),
  };
}
