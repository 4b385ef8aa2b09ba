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
