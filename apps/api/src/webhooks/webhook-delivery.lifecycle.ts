import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ErrorCodes, NotFoundError, WEBHOOK } from '@partnerships/domain';
import { systemContext, type EventStore, type SqlClient } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import { WebhookDispatcher, WebhookMetrics } from '@partnerships/webhooks';
import { AggregateCommandRunner } from '../command-handling/aggregate-command.runner';
import { MetricsRegistry } from '../metrics/command-metrics';
import { EVENT_STORE, LOG_LAG_COUNTER, SQL_CLIENT } from '../store/store.tokens';
import { WebhookTools } from './shared/webhook-tools';

/** Runs webhook delivery in this process wherever the projections run; stops it before the store closes. */
@Injectable()
export class WebhookDeliveryLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Webhooks');
  readonly dispatcher: WebhookDispatcher;

  constructor(
    tools: WebhookTools,
    runner: AggregateCommandRunner,
    registry: MetricsRegistry,
    @Inject(EVENT_STORE) store: EventStore,
    @Inject(SQL_CLIENT) client: SqlClient,
    @Inject(LOG_LAG_COUNTER) lagCounter: LogLagCounter,
  ) {
    const metrics = new WebhookMetrics(registry);
    this.dispatcher = new WebhookDispatcher({
      store,
      readModel: client,
      log: tools.deliveries,
      vault: tools.vault,
      sender: tools.sender,
      lagCounter,
      refreshMs: tools.settings.refreshMs,
      retry: tools.settings.retry,
      disableFailing: async (webhookId, reason) => {
        const context = systemContext();
        try {
          await runner.run({ aggregate: WEBHOOK, id: webhookId, command: { type: 'DisableFailingWebhook', data: { webhookId, reason }, metadata: { now: context.occurredAt } }, context });
        } catch (error) {
          // Deleted meanwhile: nothing left to disable.
          if (!(error instanceof NotFoundError && error.code === ErrorCodes.WEBHOOK_NOT_FOUND)) throw error;
        }
      },
      onAttempt: (webhookId, outcome) => metrics.attempted(webhookId, outcome),
      onNotice: ({ level, message, webhookId }) => this.logger[level]({ msg: message, webhookId }),
    });
    metrics.watch(() => this.dispatcher.statuses());
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}
