import { apiKeyDecider } from './api-key/api-key.decider';
import type { ApiKeyCommand } from './api-key/api-key.commands';
import type { ApiKeyEvent } from './api-key/api-key.events';
import type { ApiKeyState } from './api-key/api-key.state';
import { isApiKeyEvent, isPartnershipEvent, isTeammateEvent, isWebhookEvent, type AnyDomainEvent } from './event-catalog';
import { partnershipDecider } from './partnership/partnership.decider';
import type { PartnershipCommand } from './partnership/partnership.commands';
import type { PartnershipEvent } from './partnership/partnership.events';
import type { PartnershipState } from './partnership/partnership.state';
import type { Decider } from './shared/decider';
import { apiKeyStreamId, partnershipStreamId, teammateStreamId, webhookStreamId } from './shared/ids';
import { teammateDecider } from './teammate/teammate.decider';
import type { TeammateCommand } from './teammate/teammate.commands';
import type { TeammateEvent } from './teammate/teammate.events';
import type { TeammateState } from './teammate/teammate.state';
import { webhookDecider } from './webhook/webhook.decider';
import type { WebhookCommand } from './webhook/webhook.commands';
import type { WebhookEvent } from './webhook/webhook.events';
import type { WebhookState } from './webhook/webhook.state';

/** Everything a writer needs of one kind of stream: its decider, its events, its stream name. */
export interface Aggregate<C, E extends AnyDomainEvent, S> {
  readonly decider: Decider<C, E, S>;
  /** Which events of the log are this aggregate's. */
  readonly owns: (event: AnyDomainEvent) => event is E;
  readonly streamId: (id: string) => string;
}

export const PARTNERSHIP: Aggregate<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  decider: partnershipDecider,
  owns: isPartnershipEvent,
  streamId: partnershipStreamId,
};

export const TEAMMATE: Aggregate<TeammateCommand, TeammateEvent, TeammateState> = {
  decider: teammateDecider,
  owns: isTeammateEvent,
  streamId: teammateStreamId,
};

export const API_KEY: Aggregate<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  decider: apiKeyDecider,
  owns: isApiKeyEvent,
  streamId: apiKeyStreamId,
};

export const WEBHOOK: Aggregate<WebhookCommand, WebhookEvent, WebhookState> = {
  decider: webhookDecider,
  owns: isWebhookEvent,
  streamId: webhookStreamId,
};
