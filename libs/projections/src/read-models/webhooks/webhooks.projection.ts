import type { DecodedEvent, SqlClient } from '@partnerships/event-store';
import type { Projection } from '../../projection';
import { occurredAt } from '../event-fields';

/**
 * Every webhook endpoint as its events left it: what `GET /v1/webhooks` lists and what the
 * delivery workers read to know which endpoints to serve. Never a secret (those are kept
 * encrypted by libs/webhooks, beside the log).
 */
export const WEBHOOK_ENDPOINTS_TABLE = 'webhook_endpoints';

async function setup(tx: SqlClient): Promise<void> {
  await tx.exec(`
    CREATE TABLE IF NOT EXISTS ${WEBHOOK_ENDPOINTS_TABLE} (
      webhook_id text PRIMARY KEY,
      url text NOT NULL,
      event_types text NOT NULL,
      description text,
      status text NOT NULL,
      disabled_cause text,
      disabled_reason text,
      created_at timestamptz NOT NULL,
      created_by text NOT NULL,
      updated_at timestamptz NOT NULL,
      registered_position numeric(39, 0) NOT NULL,
      resumed_position numeric(39, 0) NOT NULL,
      previous_secret_expires_at timestamptz
    );
  `);
}

/** Endpoints change a few times a day: one statement per event is plenty. */
async function apply(tx: SqlClient, events: readonly DecodedEvent[]): Promise<void> {
  for (const event of events) {
    switch (event.type) {
      case 'WebhookRegistered':
        await tx.query(
          `INSERT INTO ${WEBHOOK_ENDPOINTS_TABLE}
             (webhook_id, url, event_types, description, status, created_at, created_by, updated_at, registered_position, resumed_position)
           VALUES ($1, $2, $3, $4, 'enabled', $5, $6, $5, $7::numeric, $7::numeric)
           ON CONFLICT (webhook_id) DO NOTHING`,
          [event.data.webhookId, event.data.url, JSON.stringify(event.data.eventTypes), event.data.description, occurredAt(event), event.metadata.actor, event.position],
        );
        break;
      case 'WebhookUpdated':
        await tx.query(`UPDATE ${WEBHOOK_ENDPOINTS_TABLE} SET url = $2, event_types = $3, description = $4, updated_at = $5 WHERE webhook_id = $1`, [
          event.data.webhookId,
          event.data.url,
          JSON.stringify(event.data.eventTypes),
          event.data.description,
          occurredAt(event),
        ]);
        break;
      case 'WebhookEnabled':
        // The resume mark tells the delivery worker to try the waiting deliveries again at once.
        await tx.query(
          `UPDATE ${WEBHOOK_ENDPOINTS_TABLE} SET status = 'enabled', disabled_cause = NULL, disabled_reason = NULL, updated_at = $2, resumed_position = $3::numeric
           WHERE webhook_id = $1`,
          [event.data.webhookId, occurredAt(event), event.position],
        );
        break;
      case 'WebhookDisabled':
        await tx.query(`UPDATE ${WEBHOOK_ENDPOINTS_TABLE} SET status = 'disabled', disabled_cause = $2, disabled_reason = $3, updated_at = $4 WHERE webhook_id = $1`, [
          event.data.webhookId,
          event.data.cause,
          event.data.reason,
          occurredAt(event),
        ]);
        break;
      case 'WebhookSecretRotated':
        await tx.query(`UPDATE ${WEBHOOK_ENDPOINTS_TABLE} SET previous_secret_expires_at = $2, updated_at = $3 WHERE webhook_id = $1`, [
          event.data.webhookId,
          event.data.previousSecretExpiresAt,
          occurredAt(event),
        ]);
        break;
      case 'WebhookDeleted':
        await tx.query(`UPDATE ${WEBHOOK_ENDPOINTS_TABLE} SET status = 'deleted', updated_at = $2 WHERE webhook_id = $1`, [event.data.webhookId, occurredAt(event)]);
        break;
      default:
        break;
    }
  }
}

/** Read with `listWebhookEndpoints` / `findWebhookEndpoint`. */
export const webhooksProjection: Projection = {
  name: 'webhooks',
  tables: [WEBHOOK_ENDPOINTS_TABLE],
  setup,
  apply,
};
