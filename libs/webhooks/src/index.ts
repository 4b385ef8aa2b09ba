export { newWebhookSecret, webhookSecretKey } from './signing/webhook-secret';
export { signWebhook, type SignedMessage, type WebhookSignatureHeaders } from './signing/webhook-signer';
export {
  systemHostResolver,
  WebhookUrlPolicy,
  WebhookUrlRefusedError,
  type CheckedWebhookUrl,
  type HostResolver,
  type WebhookUrlPolicyOptions,
  type WebhookUrlRefusal,
} from './url-policy/webhook-url-policy';
export { nextAttemptAt, retryAfterMs, RETRY_DELAYS_MS, RETRY_WINDOW_MS, type FailedAttempt } from './delivery/retry-schedule';
export { WebhookSender, type AttemptOutcome, type WebhookPost, type WebhookSenderOptions } from './delivery/webhook-sender';
export { loadWebhookMasterKey, decodeMasterKey } from './secrets/master-key';
export { WebhookSecretVault } from './secrets/webhook-secret-vault';
export { webhookSecretsMigrations } from './secrets/webhook-secrets.migration';
export { webhookDeliveryMigrations } from './delivery/delivery-log.migration';
export { LeaseLostError, WebhookDeliveryLog, type DeliveryAttempt, type DeliveryRecord, type DeliveryStatus, type EndpointBacklog } from './delivery/webhook-delivery-log';
export { EndpointWorker, type RetryPolicy } from './delivery/endpoint-worker';
export { WebhookDispatcher, type EndpointDeliveryStatus, type WebhookDispatcherOptions } from './delivery/webhook-dispatcher';
export { sendWebhookPing, WEBHOOK_PING_TYPE } from './delivery/webhook-ping';
export { replayCursor, type ReplayStart } from './delivery/replay-start';
export { WebhookMetrics } from './delivery/webhook-metrics';
export { createWebhookDispatcher, WebhookServices, type WebhookDeliveryDependencies, type WebhookSettings } from './webhook-services';
