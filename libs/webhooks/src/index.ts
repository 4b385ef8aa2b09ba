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
