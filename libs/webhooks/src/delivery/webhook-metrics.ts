import { Counter, Gauge, type Registry } from 'prom-client';
import type { EndpointDeliveryStatus } from './webhook-dispatcher';
import type { AttemptOutcome } from './webhook-sender';

/** Webhook delivery's Prometheus series, per endpoint, on the registry the process serves at /metrics. */
export class WebhookMetrics {
  private readonly delivered: Counter<'webhook'>;
  private readonly failed: Counter<'webhook'>;
  private statuses: (() => Promise<readonly EndpointDeliveryStatus[]>) | null = null;

  constructor(registry: Registry) {
    this.delivered = new Counter({
      name: 'partnerships_webhook_delivered_total',
      help: 'Deliveries the endpoint accepted (a 2xx answer)',
      labelNames: ['webhook'],
      registers: [registry],
    });
    this.failed = new Counter({
      name: 'partnerships_webhook_failed_attempts_total',
      help: 'Attempts that failed (non-2xx, timeout, connection error), each retried on the schedule',
      labelNames: ['webhook'],
      registers: [registry],
    });
    const read = () => this.statuses?.() ?? Promise.resolve([]);
    new Gauge({
      name: 'partnerships_webhook_lag_events',
      help: 'Events not yet delivered to the endpoint: not yet queued plus waiting',
      labelNames: ['webhook'],
      registers: [registry],
      async collect() {
        try {
          for (const status of await read()) this.set({ webhook: status.webhookId }, status.lagEvents);
        } catch {
          // The database is away: the last figures stay.
        }
      },
    });
    new Gauge({
      name: 'partnerships_webhook_lag_seconds',
      help: 'Age of the oldest delivery waiting for the endpoint (0 with none)',
      labelNames: ['webhook'],
      registers: [registry],
      async collect() {
        try {
          for (const status of await read()) this.set({ webhook: status.webhookId }, status.lagSeconds);
        } catch {
          // As above.
        }
      },
    });
  }

  /** Where the lag gauges read from (the dispatcher of this process). */
  watch(statuses: () => Promise<readonly EndpointDeliveryStatus[]>): void {
    this.statuses = statuses;
  }

  attempted(webhookId: string, outcome: AttemptOutcome): void {
    (outcome.delivered ? this.delivered : this.failed).inc({ webhook: webhookId });
  }
}
