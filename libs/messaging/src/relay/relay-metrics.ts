import { Counter, Gauge, type Registry } from 'prom-client';

/** The relay's Prometheus series, registered on the registry the process serves at /metrics. */
export class RelayMetrics {
  readonly published: Counter<'topic'>;
  readonly errors: Counter<'topic'>;
  readonly lag: Gauge<'topic'>;
  private readonly lagReaders = new Map<string, () => Promise<number>>();

  constructor(registry: Registry) {
    this.published = new Counter({
      name: 'partnerships_relay_published_events_total',
      help: 'Events the relay published and the broker acknowledged',
      labelNames: ['topic'],
      registers: [registry],
    });
    this.errors = new Counter({
      name: 'partnerships_relay_errors_total',
      help: 'Failed attempts of the relay (send, checkpoint or read), each followed by a retry',
      labelNames: ['topic'],
      registers: [registry],
    });
    const lagReaders = this.lagReaders;
    this.lag = new Gauge({
      name: 'partnerships_relay_lag_events',
      help: 'Events in the log after the relay checkpoint',
      labelNames: ['topic'],
      registers: [registry],
      async collect() {
        for (const [topic, read] of lagReaders) {
          try {
            this.set({ topic }, await read());
          } catch {
            // The store is unreachable: the last figure stays, the error counter tells.
          }
        }
      },
    });
  }

  /** Starts the series of one relay at zero, its lag read at each scrape. */
  track(topic: string, readLag: () => Promise<number>): void {
    this.published.inc({ topic }, 0);
    this.errors.inc({ topic }, 0);
    this.lagReaders.set(topic, readLag);
  }
}
