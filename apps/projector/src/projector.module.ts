import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig, OpenedStore } from '@partnerships/config';
import { ProjectionHost, READ_MODEL_PROJECTIONS } from '@partnerships/projections';
import { logLagCounterFor } from '@partnerships/log-follower';
import { LoggerModule } from 'nestjs-pino';
import { StreamCommandRunner } from '@partnerships/event-store';
import { createWebhookDispatcher, WebhookServices } from '@partnerships/webhooks';
import { ProjectorWebhookLifecycle, WEBHOOK_DISPATCHER } from './webhook-delivery.lifecycle';
import { PROJECTION_HOST, ProjectorLifecycle, PROJECTOR_STORE } from './projector.lifecycle';

/** The projections on their own, with webhook delivery: no HTTP, just the host, its progress in the logs, and a clean stop. */
@Module({})
export class ProjectorModule {
  static forRoot(config: AppConfig, opened: OpenedStore): DynamicModule {
    return {
      module: ProjectorModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } })],
      providers: [
        { provide: PROJECTOR_STORE, useValue: opened },
        {
          provide: PROJECTION_HOST,
          useFactory: () =>
            new ProjectionHost(READ_MODEL_PROJECTIONS, {
              store: opened.store,
              readModel: opened.client,
              lagCounter: logLagCounterFor(opened.store, opened.logClient),
              batchSize: config.projectionBatchSize,
              memoryBudgetMb: config.rebuildMemoryMb,
            }),
        },
        ProjectorLifecycle,
        {
          provide: WEBHOOK_DISPATCHER,
          useFactory: () =>
            createWebhookDispatcher(new WebhookServices({ config: config.webhooks, dataDir: config.dataDir }, opened.client), {
              store: opened.store,
              readModel: opened.client,
              runner: new StreamCommandRunner(opened.store),
              lagCounter: logLagCounterFor(opened.store, opened.logClient),
              onNotice: ({ level, message, webhookId }) => ProjectorWebhookLifecycle.logger[level]({ msg: message, webhookId }),
            }),
        },
        ProjectorWebhookLifecycle,
      ],
    };
  }
}
