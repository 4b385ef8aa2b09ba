import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import { createWebhookDispatcher, WebhookServices, type WebhookDispatcher } from '@partnerships/webhooks';
import { AggregateCommandRunner } from '../command-handling/aggregate-command.runner';
import { MetricsRegistry } from '../metrics/command-metrics';
import { EVENT_STORE, LOG_LAG_COUNTER, SQL_CLIENT } from '../store/store.tokens';

/** Runs webhook delivery in this process wherever the projections run; stops it before the store closes. */
@Injectable()
export class WebhookDeliveryLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  readonly dispatcher: WebhookDispatcher;

  constructor(
    services: WebhookServices,
    runner: AggregateCommandRunner,
    registry: MetricsRegistry,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SQL_CLIENT) readModel: SqlClient,
    @Inject(LOG_LAG_COUNTER) lagCounter: LogLagCounter,
  ) {
    this.dispatcher = createWebhookDispatcher(services, {
      store,
      readModel,
      runner,
      lagCounter,
      registry,
      onNotice: ({ level, message, webhookId }) => this.logger[level]({ msg: message, webhookId }),
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
