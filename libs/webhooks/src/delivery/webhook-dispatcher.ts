import { randomUUID } from 'node:crypto';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import { listWebhookEndpoints, type WebhookEndpoint } from '@partnerships/projections';
import type { WebhookSecretVault } from '../secrets/webhook-secret-vault';
import { EndpointWorker, type RetryPolicy } from './endpoint-worker';
import type { WebhookDeliveryLog } from './webhook-delivery-log';
import type { AttemptOutcome, WebhookSender } from './webhook-sender';

export interface WebhookDispatcherOptions {
  readonly store: EventStore;
  /** The read-model database: the endpoints' read model, their cursors and deliveries. */
  readonly readModel: SqlClient;
  readonly log: WebhookDeliveryLog;
  readonly vault: WebhookSecretVault;
  readonly sender: WebhookSender;
  /** Appends WebhookDisabled (cause `failing`) for an endpoint that ran out of retries. */
  readonly disableFailing: (webhookId: string, reason: string) => Promise<void>;
  readonly lagCounter?: LogLagCounter;
  /** How often the endpoints are read again and leases renewed; default 1 s. */
  readonly refreshMs?: number;
  /** A lease lasts this long unless renewed (every refresh renews it); default 10 s: how long a crashed process's endpoints wait for another. */
  readonly leaseMs?: number;
  readonly maxInFlight?: number;
  readonly pollMs?: number;
  readonly retry?: RetryPolicy;
  readonly onAttempt?: (webhookId: string, outcome: AttemptOutcome) => void;
  /** Told of what a log line should say (endpoint disabled, lease lost, a refresh failure). */
  readonly onNotice?: (notice: { level: 'log' | 'warn' | 'error'; message: string; webhookId?: string }) => void;
}

export interface EndpointDeliveryStatus {
  readonly webhookId: string;
  readonly url: string;
  readonly served: boolean;
  readonly delivered: number;
  readonly failedAttempts: number;
  /** Events of the log not yet queued for it plus deliveries waiting. */
  readonly lagEvents: number;
  /** Age of the oldest waiting delivery (0 with none). */
  readonly lagSeconds: number;
}

/**
 * Runs webhook delivery in this process: every second it reads the enabled endpoints, takes or
 * renews the lease of each (one process serves an endpoint at a time, so several replicas never
 * send the same attempt at once), and runs an EndpointWorker for each endpoint it holds.
 */
export class WebhookDispatcher {
  private readonly owner = randomUUID();
  private readonly workers = new Map<string, EndpointWorker>();
  /** Workers stopping (their sends in flight finishing): their leases are renewed until they are done. */
  private readonly retiring = new Map<string, Promise<void>>();
  private readonly totals = new Map<string, { delivered: number; failedAttempts: number }>();
  private endpoints: WebhookEndpoint[] = [];
  private timer: NodeJS.Timeout | null = null;
  private refreshing: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: WebhookDispatcherOptions) {}

  async start(): Promise<void> {
    await this.options.log.setup();
    await this.options.vault.setup();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.refreshing;
    for (const worker of [...this.workers.values()]) this.retire(worker);
    await Promise.all(this.retiring.values());
  }

  /** Wakes the worker of an endpoint (a redelivery asked through this process). */
  poke(webhookId: string): void {
    this.workers.get(webhookId)?.poke();
  }

  /** Reads the endpoints and leases again now (after a change made through this process). */
  refreshNow(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.timer) clearTimeout(this.timer);
    const previous = this.refreshing ?? Promise.resolve();
    this.refreshing = previous.then(() => this.refresh()).finally(() => this.schedule(this.options.refreshMs ?? 1_000));
    return this.refreshing;
  }

  async statuses(): Promise<EndpointDeliveryStatus[]> {
    const now = Date.now();
    return Promise.all(
      this.endpoints.map(async (endpoint) => {
        const worker = this.workers.get(endpoint.webhookId);
        const backlog = await this.options.log.backlog(endpoint.webhookId);
        const behind = worker ? (await worker.status()).lag : 0;
        const totals = this.totalsOf(endpoint.webhookId);
        return {
          webhookId: endpoint.webhookId,
          url: endpoint.url,
          served: worker !== undefined,
          delivered: totals.delivered,
          failedAttempts: totals.failedAttempts,
          lagEvents: behind + backlog.pending,
          lagSeconds: backlog.oldestRecordedAt === null ? 0 : Math.max(0, (now - backlog.oldestRecordedAt.getTime()) / 1000),
        };
      }),
    );
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.refreshing = this.refresh().finally(() => this.schedule(this.options.refreshMs ?? 1_000));
    }, delayMs);
  }

  private async refresh(): Promise<void> {
    let endpoints: WebhookEndpoint[];
    try {
      endpoints = (await listWebhookEndpoints(this.options.readModel)).filter((endpoint) => endpoint.status === 'enabled');
    } catch (error) {
      // The read model is not there yet (first start: undefined_table, said by nobody) or the database is away: the next refresh tries again.
      if ((error as { code?: string }).code === '42P01') return;
      this.options.onNotice?.({ level: 'warn', message: `webhook endpoints could not be read: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    this.endpoints = endpoints;
    const leaseMs = this.options.leaseMs ?? 10_000;
    // Every lease this process holds is renewed first, in one statement, whatever the rest of the pass costs.
    let renewed = new Set<string>();
    try {
      renewed = await this.options.log.renewLeases(this.owner, [...this.workers.keys(), ...this.retiring.keys()], leaseMs);
    } catch (error) {
      this.options.onNotice?.({ level: 'warn', message: `webhook leases could not be renewed: ${error instanceof Error ? error.message : String(error)}` });
    }
    const wanted = new Map(endpoints.map((endpoint) => [endpoint.webhookId, endpoint]));
    for (const worker of [...this.workers.values()]) {
      if (!wanted.has(worker.webhookId)) this.retire(worker);
    }
    for (const endpoint of endpoints) {
      if (this.stopped) return;
      try {
        // A worker still stopping keeps the endpoint until it is done: the next pass hires again.
        if (this.retiring.has(endpoint.webhookId)) continue;
        const worker = this.workers.get(endpoint.webhookId);
        // A served endpoint has its cursor, and its lease was renewed above unless it was lost.
        if (worker === undefined) await this.options.log.ensureCursor(endpoint.webhookId, endpoint.registeredPosition);
        const held = renewed.has(endpoint.webhookId) || (await this.options.log.lease(endpoint.webhookId, this.owner, leaseMs));
        if (held && worker && (await this.cursorMoved(worker))) {
          // A replay moved the cursor: start again from the stored one.
          this.retire(worker, false);
        } else if (held && worker) worker.update(endpoint);
        else if (held) this.hire(endpoint);
        else if (worker) {
          this.options.onNotice?.({ level: 'warn', message: `webhook ${endpoint.webhookId}: lease lost to another process`, webhookId: endpoint.webhookId });
          this.retire(worker, false);
        }
      } catch (error) {
        this.options.onNotice?.({ level: 'warn', message: `webhook ${endpoint.webhookId}: ${error instanceof Error ? error.message : String(error)}`, webhookId: endpoint.webhookId });
      }
    }
  }

  private async cursorMoved(worker: EndpointWorker): Promise<boolean> {
    const cursor = await this.options.log.cursor(worker.webhookId);
    return cursor !== null && worker.replays !== null && cursor.replays !== worker.replays;
  }

  private hire(endpoint: WebhookEndpoint): void {
    const worker = new EndpointWorker(endpoint, {
      store: this.options.store,
      log: this.options.log,
      vault: this.options.vault,
      sender: this.options.sender,
      owner: this.owner,
      lagCounter: this.options.lagCounter,
      maxInFlight: this.options.maxInFlight,
      pollMs: this.options.pollMs,
      retry: this.options.retry,
      onGiveUp: async (webhookId, reason) => {
        this.options.onNotice?.({ level: 'error', message: `webhook ${webhookId} disabled: ${reason}`, webhookId });
        await this.options.disableFailing(webhookId, reason);
      },
      onError: (webhookId, error) =>
        this.options.onNotice?.({ level: 'warn', message: `webhook ${webhookId}: a delivery could not be attempted: ${error instanceof Error ? error.message : String(error)}`, webhookId }),
      onAttempt: (webhookId, outcome) => {
        const totals = this.totalsOf(webhookId);
        if (outcome.delivered) totals.delivered += 1;
        else totals.failedAttempts += 1;
        this.options.onAttempt?.(webhookId, outcome);
      },
    });
    this.workers.set(endpoint.webhookId, worker);
    worker.start();
  }

  /** Stops a worker in the background (its sends in flight may take their whole timeout), the lease kept until then. */
  private retire(worker: EndpointWorker, release = true): void {
    this.workers.delete(worker.webhookId);
    const stopping = worker
      .stop()
      .then(() => (release ? this.options.log.releaseLease(worker.webhookId, this.owner) : undefined))
      .catch(() => undefined)
      .finally(() => this.retiring.delete(worker.webhookId));
    this.retiring.set(worker.webhookId, stopping);
  }

  private totalsOf(webhookId: string): { delivered: number; failedAttempts: number } {
    let totals = this.totals.get(webhookId);
    if (!totals) this.totals.set(webhookId, (totals = { delivered: 0, failedAttempts: 0 }));
    return totals;
  }
}
