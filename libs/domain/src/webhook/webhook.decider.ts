import { DOMAIN_EVENT_TYPES } from '../event-catalog';
import { type Decider, skipUnknownEvent, unknownCommand } from '../shared/decider';
import { ConflictError, ErrorCodes, NotFoundError, ValidationError } from '../shared/errors';
import { optionalText, optionalUrl, requireId, requireText } from '../shared/field-validation';
import type { DeleteWebhook, DisableFailingWebhook, RegisterWebhook, RotateWebhookSecret, UpdateWebhook, WebhookCommand } from './webhook.commands';
import type { WebhookEvent } from './webhook.events';
import type { WebhookSettings, WebhookState } from './webhook.state';

/** The longest overlap of two secrets after a rotation (the Standard Webhooks practice is 24 h). */
export const MAX_SECRET_OVERLAP_MS = 7 * 24 * 3_600_000;

/**
 * Webhook endpoints: where the log is delivered, which event types, and whether deliveries run.
 * Who may manage them (admins) is the API's access rule; the address policy (no private
 * addresses) needs DNS and is the caller's, before the command.
 */
export const webhookDecider: Decider<WebhookCommand, WebhookEvent, WebhookState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveWebhook,
  decide: decideWebhook,
};

function decideWebhook(command: WebhookCommand, state: WebhookState): WebhookEvent[] {
  switch (command.type) {
    case 'RegisterWebhook':
      return register(command, state);
    case 'UpdateWebhook':
      return update(command, state);
    case 'DisableFailingWebhook':
      return disableFailing(command, state);
    case 'RotateWebhookSecret':
      return rotate(command, state);
    case 'DeleteWebhook':
      return remove(command, state);
    default:
      throw unknownCommand(command);
  }
}

function register({ data }: RegisterWebhook, state: WebhookState): WebhookEvent[] {
  const webhookId = requireId('webhookId', data.webhookId);
  const settings = { webhookId, url: requireWebhookUrl(data.url), eventTypes: requireEventTypes(data.eventTypes), description: optionalText('description', data.description) };
  if (state.status !== 'none') {
    throw new ConflictError(ErrorCodes.WEBHOOK_ALREADY_EXISTS, `Webhook ${webhookId} already exists`, { webhookId });
  }
  return [{ type: 'WebhookRegistered', data: settings }];
}

function update({ data }: UpdateWebhook, state: WebhookState): WebhookEvent[] {
  const current = existing(data.webhookId, state);
  const next: WebhookSettings = {
    webhookId: current.webhookId,
    url: data.url === undefined ? current.url : requireWebhookUrl(data.url),
    eventTypes: data.eventTypes === undefined ? current.eventTypes : requireEventTypes(data.eventTypes),
    description: data.description === undefined ? current.description : optionalText('description', data.description),
  };
  if (data.enabled !== undefined && typeof data.enabled !== 'boolean') {
    throw ValidationError.forField('enabled', 'must be true or false');
  }
  const reason = optionalText('reason', data.reason);
  const events: WebhookEvent[] = [];
  if (next.url !== current.url || next.description !== current.description || !sameTypes(next.eventTypes, current.eventTypes)) {
    events.push({ type: 'WebhookUpdated', data: next });
  }
  if (data.enabled === true && current.status === 'disabled') {
    events.push({ type: 'WebhookEnabled', data: { webhookId: current.webhookId } });
  }
  if (data.enabled === false && current.status === 'enabled') {
    events.push({ type: 'WebhookDisabled', data: { webhookId: current.webhookId, cause: 'requested', reason } });
  }
  return events;
}

function disableFailing({ data }: DisableFailingWebhook, state: WebhookState): WebhookEvent[] {
  const current = existing(data.webhookId, state);
  const reason = requireText('reason', data.reason, 2000);
  return current.status === 'enabled' ? [{ type: 'WebhookDisabled', data: { webhookId: current.webhookId, cause: 'failing', reason } }] : [];
}

function rotate({ data, metadata }: RotateWebhookSecret, state: WebhookState): WebhookEvent[] {
  const current = existing(data.webhookId, state);
  if (!Number.isInteger(data.overlapMs) || data.overlapMs < 0 || data.overlapMs > MAX_SECRET_OVERLAP_MS) {
    throw ValidationError.forField('overlapMs', `must be a whole number of milliseconds from 0 to ${MAX_SECRET_OVERLAP_MS}`);
  }
  const previousSecretExpiresAt = new Date(metadata.now.getTime() + data.overlapMs).toISOString();
  return [{ type: 'WebhookSecretRotated', data: { webhookId: current.webhookId, previousSecretExpiresAt } }];
}

function remove({ data }: DeleteWebhook, state: WebhookState): WebhookEvent[] {
  const current = existing(data.webhookId, state);
  return [{ type: 'WebhookDeleted', data: { webhookId: current.webhookId } }];
}

/** A registered endpoint that is not deleted; a deleted one is gone for its callers. */
function existing(webhookId: unknown, state: WebhookState): Exclude<WebhookState, { status: 'none' }> {
  const id = requireId('webhookId', webhookId);
  if (state.status === 'none' || state.status === 'deleted') {
    throw new NotFoundError(ErrorCodes.WEBHOOK_NOT_FOUND, `Webhook ${id} does not exist`, { webhookId: id });
  }
  return state;
}

function requireWebhookUrl(value: unknown): string {
  const url = optionalUrl('url', value);
  if (url === null) throw ValidationError.forField('url', 'is required');
  return url;
}

const KNOWN_TYPES: ReadonlySet<string> = new Set(DOMAIN_EVENT_TYPES);

/** `["*"]`, or one or more distinct event types of the catalog (docs/events.md). */
export function requireEventTypes(value: unknown): readonly string[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw ValidationError.forField('eventTypes', 'must list at least one event type, or be ["*"] for all');
  }
  if (value.length === 1 && value[0] === '*') return ['*'];
  const unknown = value.filter((type) => typeof type !== 'string' || !KNOWN_TYPES.has(type));
  if (unknown.length > 0) {
    throw ValidationError.forField('eventTypes', `lists unknown event types: ${unknown.map(String).join(', ')} (or "*" alone for all)`);
  }
  if (new Set(value).size !== value.length) {
    throw ValidationError.forField('eventTypes', 'lists an event type twice');
  }
  return [...(value as string[])];
}

/** The same set of types, whatever their order. */
function sameTypes(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(b);
  return a.length === b.length && a.every((type) => set.has(type));
}

function evolveWebhook(state: WebhookState, event: WebhookEvent): WebhookState {
  switch (event.type) {
    case 'WebhookRegistered':
      return { status: 'enabled', ...event.data };
    case 'WebhookUpdated':
      return state.status === 'none' ? state : { ...state, ...event.data };
    case 'WebhookEnabled':
      return state.status === 'none' || state.status === 'deleted' ? state : { ...state, status: 'enabled' };
    case 'WebhookDisabled':
      return state.status === 'none' || state.status === 'deleted' ? state : { ...state, status: 'disabled' };
    case 'WebhookDeleted':
      return state.status === 'none' ? state : { ...state, status: 'deleted' };
    case 'WebhookSecretRotated':
      return state;
    default:
      return skipUnknownEvent(event, state);
  }
}
