import { isDomainEventType, webhookWants } from '@partnerships/domain';
import { AppendBatcher, type EventStore, type LogPosition, type RecordedEvent } from '@partnerships/event-store';
import { defaultFailureDecision, LogFollower, type FollowerStatus, type LogLagCounter } from '@partnerships/log-follower';
import { toStructuredCloudEvent } from '@partnerships/messaging';
import type { WebhookEndpoint } from '@partnerships/projections';
import type { WebhookSecretVault } from '../secrets/webhook-secret-vault';
import { signWebhook } from '../signing/webhook-signer';
import { nextAttemptAt } from './retry-schedule';
import { LeaseLostError, type DueDelivery, type NewDelivery, type RecordedAttempt, type WebhookDeliveryLog } from './webhook-delivery-log';
import type { AttemptOutcome, WebhookSender } from './webhook-sender';

export interface RetryPolicy {
  /** The next attempt's time after a failure, or null to give up (default: retry-schedule.ts). */
  readonly next: typeof nextAttemptAt;
}

export interface EndpointWorkerOptions {
  readonly store: EventStore;
  readonly log: WebhookDeliveryLog;
  readonly vault: WebhookSecretVault;
  readonly sender: WebhookSender;
  /** This process's lease owner id. */
  readonly owner: string;
  readonly lagCounter?: LogLagCounter;
  /** Deliveries of different ordering keys in flight at once; default 32. */
  readonly maxInFlight?: number;
  /** Look for due deliveries at least this often (a redelivery asked elsewhere); default 1 s. */
  readonly pollMs?: number;
  readonly retry?: RetryPolicy;
  /** Called once when a delivery runs out of retries: the endpoint is to be disabled. */
  readonly onGiveUp: (webhookId: string, reason: string) => Promise<void>;
  readonly onAttempt?: (webhookId: string, outcome: AttemptOutcome) => void;
  /** A delivery could not be attempted or recorded (it is tried again). */
  readonly onError?: (webhookId: string, error: unknown) => void;
}

/** The shortest wait of the sender loop when something falls due: it never spins. */
const MIN_WAIT_MS = 25;

/** How long the signing secrets read from the vault are used before being read again. */
const SECRETS_TTL_MS = 1_000;

/**
 * Serves one endpoint while this process holds its lease: a follower of the log queues the
 * endpoint's events as deliveries (cursor and deliveries in one transaction), and a sender posts
 * them, each ordering key (a partner's stream) one delivery at a time in log order, up to
 * `maxInFlight` keys at once. A failed delivery waits for its retry and holds its key's later
 * deliveries behind it; other keys go on.
 */
export class EndpointWorker {
  private readonly follower: LogFollower;
  private readonly maxInFlight: number;
  private readonly pollMs: number;
  private readonly retry: RetryPolicy;
  private readonly inFlight = new Map<string, Promise<void>>();
  private wake: (() => void) | null = null;
  private pendingWake = false;
  private stopped = false;
  private halted = false;
  private sending: Promise<void> | null = null;
  private secrets: { at: number; values: string[] } | null = null;
  private replaysSeen: number | null = null;
  /** Attempts that end together are recorded together: one statement, one commit. */
  private readonly recorder: AppendBatcher<RecordedAttempt, null>;

  constructor(
    private endpoint: WebhookEndpoint,
    private readonly options: EndpointWorkerOptions,
  ) {
    this.maxInFlight = options.maxInFlight ?? 32;
    this.pollMs = options.pollMs ?? 1_000;
    this.retry = options.retry ?? { next: nextAttemptAt };
    this.recorder = new AppendBatcher(
      async (attempts) => {
        await options.log.recordAttempts(attempts);
        return attempts.map(() => null);
      },
      { maxInFlight: 1, maxAppends: 500, maxEvents: 500 },
    );
    this.follower = new LogFollower(
      {
        prepare: async () => {
          await options.log.ensureCursor(endpoint.webhookId, endpoint.registeredPosition);
          if (await options.log.resume(endpoint.webhookId, this.endpoint.resumedPosition)) this.poke();
        },
        readCheckpoint: async () => {
          const cursor = await options.log.cursor(this.endpoint.webhookId);
          this.replaysSeen = cursor?.replays ?? 0;
          return cursor?.position ?? null;
        },
        handlePage: (page, from, committed) => this.queue(page, from, committed),
        // Without the lease, wait (the dispatcher stops this worker); a moved cursor: on at once.
        decide: (error) => (error instanceof LeaseLostError ? 'retry-after-backoff' : defaultFailureDecision(error)),
      },
      { store: options.store, lagCounter: options.lagCounter, retryDelayMs: { initial: 100, max: 5_000 } },
    );
  }

  get webhookId(): string {
    return this.endpoint.webhookId;
  }

  /** The replays of the endpoint this worker had seen when it last read its cursor (null before). */
  get replays(): number | null {
    return this.replaysSeen;
  }

  /** New settings of the same endpoint (types, URL): used from the next page and the next attempt. */
  update(endpoint: WebhookEndpoint): void {
    const resumed = endpoint.resumedPosition !== this.endpoint.resumedPosition;
    this.endpoint = endpoint;
    if (resumed) {
      this.halted = false;
      void this.options.log.resume(endpoint.webhookId, endpoint.resumedPosition).then(() => this.poke(), () => undefined);
    }
  }

  start(): void {
    this.follower.start();
    this.sending = this.sendLoop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.poke();
    await this.follower.stop();
    await this.sending;
    await Promise.all(this.inFlight.values());
  }

  status(): Promise<FollowerStatus> {
    return this.follower.status();
  }

  /** Wakes the sender: new deliveries were queued, or some fell due. */
  poke(): void {
    this.pendingWake = true;
    this.wake?.();
  }

  private async queue(page: readonly RecordedEvent[], from: LogPosition | null, committed: (to: LogPosition, events: number) => void): Promise<void> {
    const wanted: NewDelivery[] = [];
    for (const event of page) {
      if (!isDomainEventType(event.type) || !webhookWants(this.endpoint.eventTypes, event.type)) continue;
      wanted.push({
        eventId: event.eventId,
        eventType: event.type,
        position: event.position,
        orderingKey: event.streamId,
        recordedAt: event.recordedAt,
        body: toStructuredCloudEvent(event),
      });
    }
    const to = page[page.length - 1].position;
    await this.options.log.enqueue(this.endpoint.webhookId, this.options.owner, from, to, wanted);
    committed(to, page.length);
    if (wanted.length > 0) this.poke();
  }

  private async sendLoop(): Promise<void> {
    while (!this.stopped) {
      try {
        this.pendingWake = false;
        const room = this.maxInFlight - this.inFlight.size;
        // Refill in batches: one search for due heads per half of the slots freed, not one per finished attempt.
        const refill = !this.halted && (this.inFlight.size === 0 || room >= this.maxInFlight / 2);
        const due = refill ? await this.options.log.dueHeads(this.endpoint.webhookId, this.options.owner, [...this.inFlight.keys()], room) : [];
        if (this.stopped) break;
        for (const delivery of due) {
          // A failure around the send (the database away) leaves the delivery due: it is sent again after a
          // pause, with the same webhook-id; its key stays busy meanwhile so that nothing spins.
          const attempt = this.attempt(delivery)
            .catch(async (error: unknown) => {
              this.options.onError?.(this.endpoint.webhookId, error);
              await new Promise((resolve) => setTimeout(resolve, this.pollMs));
            })
            .finally(() => {
              this.inFlight.delete(delivery.orderingKey);
              this.poke();
            });
          this.inFlight.set(delivery.orderingKey, attempt);
        }
        if (due.length > 0 && due.length === room) continue;
        if (this.pendingWake) continue;
        await this.sleep(this.halted || this.inFlight.size > 0 ? this.pollMs : await this.untilNextDue());
      } catch {
        // The database is away: try again after a pause; nothing is lost, the deliveries wait in their table.
        await this.sleep(this.pollMs);
      }
    }
  }

  /** How long to wait for the next due delivery: at least 25 ms, at most the poll interval. */
  private async untilNextDue(): Promise<number> {
    const ms = await this.options.log.msUntilNextDue(this.endpoint.webhookId, this.options.owner);
    return ms === null ? this.pollMs : Math.max(MIN_WAIT_MS, Math.min(this.pollMs, ms));
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingWake || this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async attempt(delivery: DueDelivery): Promise<void> {
    const at = new Date();
    const secrets = await this.signingSecrets();
    const headers = {
      ...signWebhook({ id: delivery.eventId, at, body: delivery.body }, secrets),
      'content-type': 'application/cloudevents+json',
    };
    const outcome = await this.options.sender.send({ url: this.endpoint.url, headers, body: delivery.body });
    let next: Date | null = null;
    if (!outcome.delivered) {
      next = this.retry.next({ firstAttemptAt: delivery.firstAttemptAt ?? at, attempts: delivery.attempts + 1, failedAt: new Date(), retryAfterMs: outcome.retryAfterMs });
    }
    await this.recorder.submit({ deliveryId: delivery.deliveryId, attemptedAt: at, outcome, nextAttemptAt: next }, 1);
    this.options.onAttempt?.(this.endpoint.webhookId, outcome);
    if (!outcome.delivered && next === null && !this.halted) {
      this.halted = true;
      const why = outcome.status === null ? outcome.error : `HTTP ${outcome.status}`;
      try {
        await this.options.onGiveUp(this.endpoint.webhookId, `delivery ${delivery.deliveryId} (event ${delivery.eventId}) failed past the retry limit; last: ${why}`);
      } catch (error) {
        // Not disabled (the append failed): the delivery is still due, so the next pass gives up and tries again.
        this.halted = false;
        throw error;
      }
    }
  }

  private async signingSecrets(): Promise<string[]> {
    if (this.secrets === null || Date.now() - this.secrets.at > SECRETS_TTL_MS) {
      this.secrets = { at: Date.now(), values: await this.options.vault.signingSecrets(this.endpoint.webhookId) };
    }
    return this.secrets.values;
  }
}
