/** Caller-chosen ids: safe in URLs, stream names and log lines without escaping. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export const PARTNERSHIP_STREAM_PREFIX = 'partnership-';
export const TEAMMATE_STREAM_PREFIX = 'teammate-';
/** No dash inside a prefix: the id after the first dash is the aggregate's id (message key, ce_subject). */
export const API_KEY_STREAM_PREFIX = 'apikey-';
export const WEBHOOK_STREAM_PREFIX = 'webhook-';

export function isValidId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

export function partnershipStreamId(partnerId: string): string {
  return PARTNERSHIP_STREAM_PREFIX + partnerId;
}

export function teammateStreamId(teammateId: string): string {
  return TEAMMATE_STREAM_PREFIX + teammateId;
}

export function apiKeyStreamId(keyId: string): string {
  return API_KEY_STREAM_PREFIX + keyId;
}

export function webhookStreamId(webhookId: string): string {
  return WEBHOOK_STREAM_PREFIX + webhookId;
}

export function partnerIdFromStreamId(streamId: string): string | null {
  return idAfterPrefix(streamId, PARTNERSHIP_STREAM_PREFIX);
}

export function teammateIdFromStreamId(streamId: string): string | null {
  return idAfterPrefix(streamId, TEAMMATE_STREAM_PREFIX);
}

function idAfterPrefix(streamId: string, prefix: string): string | null {
  if (!streamId.startsWith(prefix)) {
    return null;
  }
  const id = streamId.slice(prefix.length);
  return isValidId(id) ? id : null;
}
