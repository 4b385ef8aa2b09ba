import {
  PARTNERSHIP_EVENT_TYPES,
  type PartnershipEvent,
  type PartnershipEventType,
} from './partnership/partnership.events';
import { TEAMMATE_EVENT_TYPES, type TeammateEvent, type TeammateEventType } from './teammate/teammate.events';
import { API_KEY_EVENT_TYPES, type ApiKeyEvent, type ApiKeyEventType } from './api-key/api-key.events';
import { WEBHOOK_EVENT_TYPES, type WebhookEvent, type WebhookEventType } from './webhook/webhook.events';

/** Every event the domain writes. */
export type AnyDomainEvent = PartnershipEvent | TeammateEvent | ApiKeyEvent | WebhookEvent;

export type DomainEventType = AnyDomainEvent['type'];

export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [...PARTNERSHIP_EVENT_TYPES, ...TEAMMATE_EVENT_TYPES, ...API_KEY_EVENT_TYPES, ...WEBHOOK_EVENT_TYPES];

/** Stored in each event's metadata; bump a type's version when its data changes shape. */
export const SCHEMA_VERSION = 1;

export const EVENT_SCHEMA_VERSIONS: Readonly<Record<DomainEventType, number>> = Object.fromEntries(
  DOMAIN_EVENT_TYPES.map((type) => [type, SCHEMA_VERSION]),
) as Record<DomainEventType, number>;

const partnershipTypes: ReadonlySet<string> = new Set(PARTNERSHIP_EVENT_TYPES);
const teammateTypes: ReadonlySet<string> = new Set(TEAMMATE_EVENT_TYPES);
const apiKeyTypes: ReadonlySet<string> = new Set(API_KEY_EVENT_TYPES);
const webhookTypes: ReadonlySet<string> = new Set(WEBHOOK_EVENT_TYPES);

const domainTypes: ReadonlySet<string> = new Set(DOMAIN_EVENT_TYPES);

/** For readers of the log, where types arrive as plain strings. */
export function isDomainEventType(type: string): type is DomainEventType {
  return domainTypes.has(type);
}

export function isPartnershipEventType(type: string): type is PartnershipEventType {
  return partnershipTypes.has(type);
}

export function isTeammateEventType(type: string): type is TeammateEventType {
  return teammateTypes.has(type);
}

export function isApiKeyEventType(type: string): type is ApiKeyEventType {
  return apiKeyTypes.has(type);
}

export function isWebhookEventType(type: string): type is WebhookEventType {
  return webhookTypes.has(type);
}

/** Which stream kind an event belongs to: how a stream's reader keeps only its own aggregate's events. */
export function isPartnershipEvent(event: AnyDomainEvent): event is PartnershipEvent {
  return partnershipTypes.has(event.type);
}

export function isTeammateEvent(event: AnyDomainEvent): event is TeammateEvent {
  return teammateTypes.has(event.type);
}

export function isApiKeyEvent(event: AnyDomainEvent): event is ApiKeyEvent {
  return apiKeyTypes.has(event.type);
}

export function isWebhookEvent(event: AnyDomainEvent): event is WebhookEvent {
  return webhookTypes.has(event.type);
}
