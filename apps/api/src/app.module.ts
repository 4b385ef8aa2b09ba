import { DynamicModule, Module, type CanActivate, type Type } from '@nestjs/common';
import type { AppConfig, OpenedStore } from '@partnerships/config';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { LoggerModule } from 'nestjs-pino';
import { RelayModule } from '@partnerships/messaging';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import { AnalyticsModule } from './analytics/analytics.module';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { EventsModule } from './events/events.module';
import { HealthModule } from './health/health.module';
import { IdempotencyInterceptor } from './http/idempotency.interceptor';
import { ProblemDetailsFilter } from './http/problem-details.filter';
import { RequestValidationPipe } from './http/request-validation';
import { MetricsRegistry } from './metrics/command-metrics';
import { MetricsModule } from './metrics/metrics.module';
import { PartnersModule } from './partners/partners.module';
import { ReadModelsModule } from './read-models/read-models.module';
import { StoreModule } from './store/store.module';
import type { LogLagCounter } from '@partnerships/log-follower';
import { EVENT_STORE, LOG_LAG_COUNTER, SQL_CLIENT } from './store/store.tokens';
import { TeammatesModule } from './teammates/teammates.module';
import { WebhooksModule } from './webhooks/webhooks.module';
import type { WebhookSettings } from '@partnerships/webhooks';

export interface AppModuleOptions {
  readonly config: AppConfig;
  /** Use this store instead of opening one from the configuration. */
  readonly store?: OpenedStore;
  /** Close `store` when the application shuts down (default: its opener closes it). */
  readonly closeStoreOnShutdown?: boolean;
  /** Run the projections in this process (default: unless `config.projections` is `off`; the command benchmark measures commands alone). */
  readonly projections?: boolean;
  /** How old a credential's facts may be (default 2 s). */
  readonly credentialMaxAgeMs?: number;
  /** How often an idle `GET /v1/events/stream` sends a heartbeat (default 15 s). */
  readonly eventStreamHeartbeatMs?: number;
  /** Instead of the access guard: only `bench:commands`, to measure what authentication costs. */
  readonly guard?: Type<CanActivate>;
  /**
   * Tests: an injected host resolver, a short retry schedule, a quick refresh of the endpoints;
   * `deliver: false` for a test of the URL policy alone, whose endpoints resolve past loopback
   * and must never be connected to.
   */
  readonly webhooks?: Pick<WebhookSettings, 'resolve' | 'retry' | 'refreshMs' | 'timeoutMs'> & { readonly deliver?: boolean };
}

@Module({})
export class AppModule {
  static forRoot({ config, store, closeStoreOnShutdown, projections = config.projections === 'in-process', credentialMaxAgeMs, guard, eventStreamHeartbeatMs = 15_000, webhooks }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] }),
        LoggerModule.forRoot({
          // No middleware: requests are logged by a Fastify hook (http/request-log.ts).
          forRoutes: [],
          pinoHttp: {
            level: config.logLevel,
            // Credentials never reach the logs, whatever the level.
            redact: { paths: ['req.headers.authorization', 'req.headers.cookie'], censor: '[redacted]' },
          },
        }),
        CqrsModule.forRoot(),
        StoreModule.forRoot(
          store ? { opened: store, closeOnShutdown: closeStoreOnShutdown } : { config },
        ),
        MetricsModule,
        AuthModule.forRoot(config.auth, { credentialMaxAgeMs, guard }),
        ApiKeysModule,
        ReadModelsModule.forRoot({ run: projections, batchSize: config.projectionBatchSize, rebuildMemoryMb: config.rebuildMemoryMb }),
        HealthModule,
        TeammatesModule,
        PartnersModule,
        EventsModule.forRoot({ heartbeatMs: eventStreamHeartbeatMs }),
        AnalyticsModule,
        WebhooksModule.forRoot({ config: config.webhooks, dataDir: config.dataDir, ...webhooks, deliver: projections && webhooks?.deliver !== false }),
        // With KAFKA_BROKERS the relay runs here too, publishing what this process's store commits.
        ...(config.kafka
          ? [
              RelayModule.forRoot({
                kafka: config.kafka,
                inject: [EVENT_STORE, SQL_CLIENT, LOG_LAG_COUNTER, MetricsRegistry],
                useFactory: (store: EventStore, client: SqlClient, lagCounter: LogLagCounter, registry: MetricsRegistry) => ({
                  store,
                  client,
                  lagCounter,
                  registry,
                }),
              }),
            ]
          : []),
      ],
      providers: [
        { provide: APP_PIPE, useClass: RequestValidationPipe },
        { provide: APP_FILTER, useClass: ProblemDetailsFilter },
        { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
      ],
    };
  }
}
