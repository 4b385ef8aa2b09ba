import { join } from 'node:path';
import type { WebhooksConfig } from '@partnerships/config';
import { RuleViolationError, ErrorCodes } from '@partnerships/domain';
import type { SqlClient } from '@partnerships/event-store';
import {
  loadWebhookMasterKey,
  systemHostResolver,
  WebhookDeliveryLog,
  WebhookSecretVault,
  WebhookSender,
  WebhookUrlPolicy,
  WebhookUrlRefusedError,
  type HostResolver,
  type RetryPolicy,
} from '@partnerships/webhooks';

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

/** What every webhook route and the delivery worker share in this process. */
export class WebhookTools {
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
