import { CheckpointMovedError } from '@partnerships/log-follower';
import { migrate, type LogPosition, type SqlClient } from '@partnerships/event-store';
import { webhookDeliveryMigrations } from './delivery-log.migration';
import type { AttemptOutcome } from './webhook-sender';

/** One event for one endpoint, as the queueing follower writes it. */
export interface NewDelivery {
  readonly eventId: string;
  readonly eventType: string;
  readonly position: LogPosition;
  /** Deliveries of one key go out one at a time in log order: the event's stream (one partner). */
  readonly orderingKey: string;
  readonly recordedAt: string;
  /** The CloudEvents JSON posted, byte for byte, on every attempt. */
  readonly body: string;
}

/** The oldest waiting delivery of one ordering key, due now. */
export interface DueDelivery {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly orderingKey: string;
  readonly body: string;
  readonly attempts: number;
  readonly firstAttemptAt: Date | null;
}

export type DeliveryStatus = 'pending' | 'delivered';

/** One attempt as the sender hands it over for recording. */
export interface RecordedAttempt {
  readonly deliveryId: string;
  readonly attemptedAt: Date;
  readonly outcome: AttemptOutcome;
  /** After a failure: when to try again; null to leave it due (the endpoint is being given up on). */
  readonly nextAttemptAt: Date | null;
}

export interface DeliveryAttempt {
  readonly attemptedAt: string;
  readonly status: number | null;
  readonly latencyMs: number;
  readonly answer: string | null;
  readonly error: string | null;
}

/** A delivery as `GET /v1/webhooks/:id/deliveries` shows it. */
export interface DeliveryRecord {
  readonly deliveryId: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly position: string;
  readonly orderingKey: string;
  readonly status: DeliveryStatus;
  readonly attempts: readonly DeliveryAttempt[];
  readonly createdAt: string;
  readonly deliveredAt: string | null;
  /** When the next attempt is due, while pending. */
  readonly nextAttemptAt: string | null;
}

export interface EndpointBacklog {
  readonly pending: number;
  /** When the oldest waiting event was recorded in the log; null with nothing waiting. */
  readonly oldestRecordedAt: Date | null;
}

/** This process no longer holds the endpoint's lease: another serves it, or will. */
export class LeaseLostError extends Error {
  constructor(readonly webhookId: string) {
    super(`The lease of webhook ${webhookId} is held by another process`);
    this.name = 'LeaseLostError';
  }
}

/** How many of the oldest waiting deliveries the usual search for due heads looks at. */
const HEAD_WINDOW = 1_000;

/**
 * The SQL side of webhook delivery: each endpoint's cursor in the log and its lease (one process
 * serves an endpoint at a time), the deliveries the queueing follower writes, and every attempt.
 */
export class WebhookDeliveryLog {
  constructor(private readonly client: SqlClient) {}

  async setup(): Promise<void> {
    await migrate(this.client, webhookDeliveryMigrations);
  }

  /** The cursor of a new endpoint: deliveries start after its registration's own event. */
  async ensureCursor(webhookId: string, registeredPosition: LogPosition): Promise<void> {
    await this.client.query(
      `INSERT INTO webhook_cursors (webhook_id, position, resumed_position) VALUES ($1, $2::numeric, $2::numeric) ON CONFLICT (webhook_id) DO NOTHING`,
      [webhookId, registeredPosition],
    );
  }

  /** Takes or renews the endpoint's lease; false while another process holds an unexpired one. */
  async lease(webhookId: string, owner: string, ttlMs: number): Promise<boolean> {
    const { rows } = await this.client.query<{ webhook_id: string }>(
      `UPDATE webhook_cursors SET lease_owner = $2, lease_until = now() + $3 * interval '1 millisecond'
       WHERE webhook_id = $1 AND (lease_owner = $2 OR lease_owner IS NULL OR lease_until < now())
       RETURNING webhook_id`,
      [webhookId, owner, ttlMs],
    );
    return rows.length === 1;
  }

  /** Renews the leases `owner` still holds among `webhookIds`, in one statement; answers those it renewed. */
  async renewLeases(owner: string, webhookIds: readonly string[], ttlMs: number): Promise<Set<string>> {
    if (webhookIds.length === 0) return new Set();
    const { rows } = await this.client.query<{ webhook_id: string }>(
      `UPDATE webhook_cursors SET lease_until = now() + $3 * interval '1 millisecond'
       WHERE webhook_id = ANY($2::text[]) AND lease_owner = $1 AND lease_until > now()
       RETURNING webhook_id`,
      [owner, webhookIds, ttlMs],
    );
    return new Set(rows.map((row) => row.webhook_id));
  }

  async releaseLease(webhookId: string, owner: string): Promise<void> {
    await this.client.query('UPDATE webhook_cursors SET lease_owner = NULL, lease_until = NULL WHERE webhook_id = $1 AND lease_owner = $2', [webhookId, owner]);
  }

  async cursor(webhookId: string): Promise<{ position: LogPosition | null; resumedPosition: LogPosition | null; replays: number } | null> {
    const { rows } = await this.client.query<{ position: string | null; resumed_position: string | null; replays: number }>(
      'SELECT position::text AS position, resumed_position::text AS resumed_position, replays FROM webhook_cursors WHERE webhook_id = $1',
      [webhookId],
    );
    return rows.length === 0 ? null : { position: rows[0].position, resumedPosition: rows[0].resumed_position, replays: Number(rows[0].replays) };
  }

  /**
   * Writes a page's deliveries and moves the cursor from `from` to `to` in one transaction, only
   * while `owner` holds the lease and the cursor is still at `from` (a replay moved it, or another
   * process took over: nothing is written twice).
   */
  async enqueue(webhookId: string, owner: string, from: LogPosition | null, to: LogPosition, deliveries: readonly NewDelivery[]): Promise<void> {
    await this.client.transaction(async (tx) => {
      const { rows } = await tx.query<{ webhook_id: string }>(
        `UPDATE webhook_cursors SET position = $3::numeric
         WHERE webhook_id = $1 AND position IS NOT DISTINCT FROM $2::numeric AND lease_owner = $4 AND lease_until > now()
         RETURNING webhook_id`,
        [webhookId, from, to, owner],
      );
      if (rows.length !== 1) {
        const { rows: held } = await tx.query<{ held: boolean }>(
          'SELECT lease_owner = $2 AND lease_until > now() AS held FROM webhook_cursors WHERE webhook_id = $1',
          [webhookId, owner],
        );
        if (held[0]?.held !== true) throw new LeaseLostError(webhookId);
        throw new CheckpointMovedError(`webhook ${webhookId}`, from);
      }
      if (deliveries.length === 0) return;
      await tx.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, event_type, position, ordering_key, recorded_at, body)
         SELECT $1, d.event_id, d.event_type, d.position::numeric, d.ordering_key, d.recorded_at::timestamptz, d.body
         FROM jsonb_to_recordset($2::jsonb) AS d(event_id text, event_type text, position text, ordering_key text, recorded_at text, body text)`,
        [
          webhookId,
          JSON.stringify(
            deliveries.map((d) => ({ event_id: d.eventId, event_type: d.eventType, position: d.position, ordering_key: d.orderingKey, recorded_at: d.recordedAt, body: d.body })),
          ),
        ],
      );
    });
  }

  /**
   * The head (oldest waiting delivery) of each ordering key that is due and not in flight, oldest
   * first: a key's later deliveries wait behind its head, other keys go on.
   */
  async dueHeads(webhookId: string, owner: string, inFlight: readonly string[], limit: number): Promise<DueDelivery[]> {
    // The oldest waiting deliveries first: in a prefix of the queue, a key's first row is its head.
    // Few heads there (one partner's backlog fills the prefix): the whole queue, so that others go on.
    const windowed = await this.heads(webhookId, owner, inFlight, limit, HEAD_WINDOW);
    return windowed.length >= Math.ceil(limit / 4) ? windowed : this.heads(webhookId, owner, inFlight, limit, null);
  }

  private async heads(webhookId: string, owner: string, inFlight: readonly string[], limit: number, window: number | null): Promise<DueDelivery[]> {
    const { rows } = await this.client.query<{
      delivery_id: string;
      event_id: string;
      ordering_key: string;
      body: string;
      attempts: number;
      first_attempt_at: Date | string | null;
    }>(
      `SELECT h.delivery_id::text AS delivery_id, h.event_id, h.ordering_key, h.body, h.attempts, h.first_attempt_at
       FROM (
         SELECT DISTINCT ON (ordering_key) delivery_id, event_id, ordering_key, body, attempts, first_attempt_at, next_attempt_at
         FROM (
           SELECT delivery_id, event_id, ordering_key, body, attempts, first_attempt_at, next_attempt_at
           FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'pending'
           ORDER BY delivery_id
           LIMIT $5
         ) AS queued
         ORDER BY ordering_key, delivery_id
       ) AS h
       WHERE h.next_attempt_at <= now() AND NOT (h.ordering_key = ANY($3::text[]))
         AND EXISTS (SELECT 1 FROM webhook_cursors c WHERE c.webhook_id = $1 AND c.lease_owner = $2 AND c.lease_until > now())
       ORDER BY h.delivery_id
       LIMIT $4`,
      [webhookId, owner, inFlight, limit, window],
    );
    return rows.map((row) => ({
      deliveryId: row.delivery_id,
      eventId: row.event_id,
      orderingKey: row.ordering_key,
      body: row.body,
      attempts: Number(row.attempts),
      firstAttemptAt: row.first_attempt_at === null ? null : new Date(row.first_attempt_at),
    }));
  }

  /** Milliseconds until the earliest waiting head falls due, by the database's clock (null: nothing waits for `owner`). */
  async msUntilNextDue(webhookId: string, owner: string): Promise<number | null> {
    const { rows } = await this.client.query<{ ms: number | string | null }>(
      `SELECT extract(epoch FROM min(h.next_attempt_at) - now()) * 1000 AS ms FROM (
         SELECT DISTINCT ON (ordering_key) next_attempt_at FROM webhook_deliveries
         WHERE webhook_id = $1 AND status = 'pending' ORDER BY ordering_key, delivery_id
       ) AS h
       WHERE EXISTS (SELECT 1 FROM webhook_cursors c WHERE c.webhook_id = $1 AND c.lease_owner = $2 AND c.lease_until > now())`,
      [webhookId, owner],
    );
    return rows[0]?.ms == null ? null : Number(rows[0].ms);
  }

  /**
   * Records attempts, many in one statement (the sender groups those that finish together): each
   * updates its delivery (`nextAttemptAt` for a failure; null leaves it due, the endpoint being
   * given up on) and adds the attempt to its history.
   */
  async recordAttempts(attempts: readonly RecordedAttempt[]): Promise<void> {
    const rows = attempts.map(({ deliveryId, attemptedAt, outcome, nextAttemptAt }) => ({
      delivery_id: deliveryId,
      attempted_at: attemptedAt.toISOString(),
      delivered: outcome.delivered,
      next_attempt_at: nextAttemptAt?.toISOString() ?? null,
      status: outcome.status,
      latency_ms: outcome.latencyMs,
      answer: outcome.status === null ? null : outcome.answer,
      error: outcome.status === null ? outcome.error : null,
    }));
    // Each attempt joins its delivery's own history (a JSON array in the row): one row written per attempt.
    await this.client.query(
      `UPDATE webhook_deliveries AS w SET
         attempts = w.attempts + 1,
         first_attempt_at = coalesce(w.first_attempt_at, a.attempted_at),
         status = CASE WHEN a.delivered THEN 'delivered' ELSE w.status END,
         delivered_at = CASE WHEN a.delivered THEN now() ELSE w.delivered_at END,
         next_attempt_at = coalesce(a.next_attempt_at, w.next_attempt_at),
         last_status = a.status,
         last_error = a.error,
         attempt_log = w.attempt_log || jsonb_build_array(jsonb_build_object(
           'attempted_at', a.attempted_at, 'status', a.status, 'latency_ms', a.latency_ms, 'answer', a.answer, 'error', a.error))
       FROM jsonb_to_recordset($1::jsonb) AS a(delivery_id bigint, attempted_at timestamptz, delivered boolean,
         next_attempt_at timestamptz, status integer, latency_ms integer, answer text, error text)
       WHERE w.delivery_id = a.delivery_id`,
      [JSON.stringify(rows)],
    );
  }

  /**
   * After a re-enable: every waiting delivery is due at once with a fresh retry window, and the
   * cursor remembers which enabling it has seen. False when it had already seen this one.
   */
  async resume(webhookId: string, resumedPosition: LogPosition): Promise<boolean> {
    return this.client.transaction(async (tx) => {
      const { rows } = await tx.query<{ webhook_id: string }>(
        `UPDATE webhook_cursors SET resumed_position = $2::numeric
         WHERE webhook_id = $1 AND resumed_position IS DISTINCT FROM $2::numeric RETURNING webhook_id`,
        [webhookId, resumedPosition],
      );
      if (rows.length === 0) return false;
      await tx.query(
        `UPDATE webhook_deliveries SET attempts = 0, first_attempt_at = NULL, next_attempt_at = now() WHERE webhook_id = $1 AND status = 'pending'`,
        [webhookId],
      );
      return true;
    });
  }

  /** Sends a delivery again (a delivered one too), due now: it goes out before the newer waiting deliveries of its key. */
  async redeliver(webhookId: string, deliveryId: string): Promise<boolean> {
    const { rows } = await this.client.query<{ delivery_id: string }>(
      `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, first_attempt_at = NULL, next_attempt_at = now(), delivered_at = NULL
       WHERE webhook_id = $1 AND delivery_id = $2::bigint RETURNING delivery_id`,
      [webhookId, deliveryId],
    );
    return rows.length === 1;
  }

  /** Moves the endpoint's cursor back (or on): the follower serving it picks the new place up. */
  async replayFrom(webhookId: string, after: LogPosition | null): Promise<boolean> {
    const { rows } = await this.client.query<{ webhook_id: string }>(
      'UPDATE webhook_cursors SET position = $2::numeric, replays = replays + 1 WHERE webhook_id = $1 RETURNING webhook_id',
      [webhookId, after],
    );
    return rows.length === 1;
  }

  async backlog(webhookId: string): Promise<EndpointBacklog> {
    const { rows } = await this.client.query<{ pending: string; oldest: Date | string | null }>(
      `SELECT count(*)::text AS pending, min(recorded_at) AS oldest FROM webhook_deliveries WHERE webhook_id = $1 AND status = 'pending'`,
      [webhookId],
    );
    return { pending: Number(rows[0].pending), oldestRecordedAt: rows[0].oldest === null ? null : new Date(rows[0].oldest) };
  }

  /** Deliveries in the order they were queued, after `after` (a delivery id), with their attempts. */
  async list(webhookId: string, options: { readonly status?: DeliveryStatus; readonly after?: string; readonly limit: number }): Promise<DeliveryRecord[]> {
    const { rows } = await this.client.query<{
      delivery_id: string;
      event_id: string;
      event_type: string;
      position: string;
      ordering_key: string;
      status: DeliveryStatus;
      created_at: Date | string;
      delivered_at: Date | string | null;
      next_attempt_at: Date | string;
      attempts: Array<{ attempted_at: string; status: number | null; latency_ms: number; answer: string | null; error: string | null }> | string | null;
    }>(
      `SELECT d.delivery_id::text AS delivery_id, d.event_id, d.event_type, d.position::text AS position, d.ordering_key, d.status,
              d.created_at, d.delivered_at, d.next_attempt_at,
              d.attempt_log AS attempts
       FROM webhook_deliveries d
       WHERE d.webhook_id = $1 AND ($2::text IS NULL OR d.status = $2) AND d.delivery_id > $3::bigint
       ORDER BY d.delivery_id
       LIMIT $4`,
      [webhookId, options.status ?? null, options.after ?? '0', options.limit],
    );
    return rows.map((row) => {
      const attempts = typeof row.attempts === 'string' ? (JSON.parse(row.attempts) as typeof row.attempts) : row.attempts;
      return {
        deliveryId: row.delivery_id,
        eventId: row.event_id,
        eventType: row.event_type,
        position: row.position,
        orderingKey: row.ordering_key,
        status: row.status,
        attempts: (Array.isArray(attempts) ? attempts : []).map((a) => ({
          attemptedAt: new Date(a.attempted_at).toISOString(),
          status: a.status,
          latencyMs: a.latency_ms,
          answer: a.answer,
          error: a.error,
        })),
        createdAt: new Date(row.created_at).toISOString(),
        deliveredAt: row.delivered_at === null ? null : new Date(row.delivered_at).toISOString(),
        nextAttemptAt: row.status === 'pending' ? new Date(row.next_attempt_at).toISOString() : null,
      };
    });
  }

  async exists(webhookId: string, deliveryId: string): Promise<boolean> {
    const { rows } = await this.client.query('SELECT 1 FROM webhook_deliveries WHERE webhook_id = $1 AND delivery_id = $2::bigint', [webhookId, deliveryId]);
    return rows.length === 1;
  }
}
