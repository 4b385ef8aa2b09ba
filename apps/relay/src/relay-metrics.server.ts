import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, type Registry } from 'prom-client';

export const RELAY_REGISTRY = Symbol('RELAY_REGISTRY');

/** GET /metrics in the Prometheus text format, on RELAY_METRICS_PORT; nothing when the port is not set. */
@Injectable()
export class RelayMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server: Server | null = null;

  constructor(
    private readonly registry: Registry,
    private readonly port: number | null,
    private readonly host: string,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.port === null) return;
    collectDefaultMetrics({ register: this.registry, prefix: 'partnerships_relay_process_' });
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      this.registry.metrics().then(
        (body) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(body),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject).listen(this.port ?? 0, this.host, resolve);
    });
    new Logger('Relay').log(`metrics on http://${this.host}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
