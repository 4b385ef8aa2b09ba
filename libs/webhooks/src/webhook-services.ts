import { join } from 'node:path';
import type { WebhooksConfig } from '@partnerships/config';
import { ErrorCodes, NotFoundError, RuleViolationError } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import { WEBHOOK } from '@partnerships/domain';
import type { EventStore, StreamCommandRunner } from '@partnerships/event-store';
import { systemContext } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import type { Registry } from 'prom-client';
import type { RetryPolicy } from './delivery/endpoint-worker';
import { WebhookDeliveryLog } from './delivery/webhook-delivery-log';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './delivery/webhook-dispatcher';
import { WebhookMetrics } from './delivery/webhook-metrics';
import { WebhookSender } from './delivery/webhook-sender';
import { loadWebhookMasterKey } from './secrets/master-key';
import { WebhookSecretVault } from './secrets/webhook-secret-vault';
import { systemHostResolver, WebhookUrlPolicy, WebhookUrlRefusedError, type HostResolver } from './url-policy/webhook-url-policy';

export interface WebhookSettings {
  readonly config: WebhooksConfig;
  /** Where the master key file lives when WEBHOOKS_SECRET_KEY is not set. */
  readonly dataDir: string;
  /** Tests inject a resolver: no test ever resolves a real name or connects past loopback. */
  readonly resolve?: HostResolver;
  /** Tests shorten the retry schedule. */
  readonly retry?: RetryPolicy;
  readonly refreshMs?: number;
  readonly timeoutMs?: number;
}

/** What every webhook route and the delivery workers of a process share. */
export class WebhookServices {
  readonly policy: WebhookUrlPolicy;
  readonly sender: WebhookSender;
  readonly vault: WebhookSecretVault;
  readonly deliveries: WebhookDeliveryLog;
  private ready: Promise<void> | null = null;

  constructor(
    readonly settings: WebhookSettings,
    client: SqlClient,
  ) {
    this.policy = new WebhookUrlPolicy({ allowHttp: settings.config.allowHttp, allowedHosts: settings.config.allowedHosts, resolve: settings.resolve ?? systemHostResolver });
    this.sender = new WebhookSender({ policy: this.policy, timeoutMs: settings.timeoutMs });
    this.vault = new WebhookSecretVault(client, loadWebhookMasterKey({ configured: settings.config.secretKey, keyFile: join(settings.dataDir, 'webhook-secrets.key') }));
    this.deliveries = new WebhookDeliveryLog(client);
  }

  /** The tables, created once per process before their first use. */
  setup(): Promise<void> {
    this.ready ??= Promise.all([this.vault.setup(), this.deliveries.setup()]).then(() => undefined);
    return this.ready;
  }

  /** The URL as the policy accepts it, or 422 WEBHOOK_URL_REFUSED saying why. */
  async checkUrl(url: string): Promise<string> {
    try {
      return (await this.policy.check(url)).url.toString();
    } catch (error) {
      if (!(error instanceof WebhookUrlRefusedError)) throw error;
      throw new RuleViolationError(ErrorCodes.WEBHOOK_URL_REFUSED, error.message, { reason: error.refusal, url });
    }
  }
}

export interface WebhookDeliveryDependencies {
  readonly store: EventStore;
  readonly readModel: SqlClient;
  /** Appends WebhookDisabled for an endpoint past the retry limit. */
  readonly runner: StreamCommandRunner;
  readonly lagCounter?: LogLagCounter;
  /** The Prometheus registry this process serves, if any. */
  readonly registry?: Registry;
  readonly onNotice: NonNullable<WebhookDispatcherOptions['onNotice']>;
}

/** Delivery for this process (the API that runs the projections, or apps/projector): one way for both. */
export function createWebhookDispatcher(services: WebhookServices, deps: WebhookDeliveryDependencies): WebhookDispatcher {
  const metrics = deps.registry ? new WebhookMetrics(deps.registry) : null;
  const dispatcher = new WebhookDispatcher({
    store: deps.store,
    readModel: deps.readModel,
    log: services.deliveries,
    vault: services.vault,
    sender: services.sender,
    lagCounter: deps.lagCounter,
    refreshMs: services.settings.refreshMs,
    retry: services.settings.retry,
    disableFailing: async (webhookId, reason) => {
      const context = systemContext();
      try {
        await deps.runner.run({ aggregate: WEBHOOK, id: webhookId, command: { type: 'DisableFailingWebhook', data: { webhookId, reason }, metadata: { now: context.occurredAt } }, context });
      } catch (error) {
        // Deleted meanwhile: nothing left to disable.
        if (!(error instanceof NotFoundError && error.code === ErrorCodes.WEBHOOK_NOT_FOUND)) throw error;
      }
    },
    onAttempt: (webhookId, outcome) => metrics?.attempted(webhookId, outcome),
    onNotice: deps.onNotice,
  });
  metrics?.watch(() => dispatcher.statuses());
  return dispatcher;
}
