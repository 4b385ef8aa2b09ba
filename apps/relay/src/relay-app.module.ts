import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig, KafkaConfig, OpenedStore } from '@partnerships/config';
import { RelayModule } from '@partnerships/messaging';
import { logLagCounterFor } from '@partnerships/log-follower';
import { LoggerModule } from 'nestjs-pino';
import { Registry } from 'prom-client';
import { RelayMetricsServer, RELAY_REGISTRY } from './relay-metrics.server';
import { RelayStoreLifecycle, RELAY_STORE } from './relay-store.lifecycle';

/** The relay on its own: no HTTP API, its progress in the logs, metrics if asked for, a clean stop. */
@Module({})
export class RelayAppModule {
  static forRoot(config: AppConfig, kafka: KafkaConfig, opened: OpenedStore): DynamicModule {
    return {
      module: RelayAppModule,
      imports: [
        LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } }),
        RelayModule.forRoot({
          kafka,
          inject: [],
          useFactory: () => ({
            store: opened.store,
            client: opened.client,
            lagCounter: logLagCounterFor(opened.store, opened.logClient),
            registry,
          }),
        }),
      ],
      providers: [
        { provide: RELAY_STORE, useValue: opened },
        { provide: RELAY_REGISTRY, useValue: registry },
        { provide: RelayMetricsServer, useFactory: (r: Registry) => new RelayMetricsServer(r, kafka.relayMetricsPort, config.host), inject: [RELAY_REGISTRY] },
        RelayStoreLifecycle,
      ],
    };
  }
}

const registry = new Registry();
