import {
  DOMAIN_EVENT_TYPES,
  EVENT_SCHEMA_VERSIONS,
  isApiKeyEventType,
  isPartnershipEventType,
  isTeammateEventType,
  isWebhookEventType,
  SCHEMA_VERSION,
} from './event-catalog';
import { PARTNERSHIP_EVENT_TYPES } from './partnership/partnership.events';
import { TEAMMATE_EVENT_TYPES } from './teammate/teammate.events';
import { API_KEY_EVENT_TYPES } from './api-key/api-key.events';
import { WEBHOOK_EVENT_TYPES } from './webhook/webhook.events';

describe('event catalog', () => {
  it('keeps partnership, teammate, API key and webhook event types apart', () => {
    expect(new Set(DOMAIN_EVENT_TYPES).size).toBe(
      PARTNERSHIP_EVENT_TYPES.length + TEAMMATE_EVENT_TYPES.length + API_KEY_EVENT_TYPES.length + WEBHOOK_EVENT_TYPES.length,
    );
    expect(PARTNERSHIP_EVENT_TYPES.filter(isTeammateEventType)).toEqual([]);
    expect(TEAMMATE_EVENT_TYPES.filter(isPartnershipEventType)).toEqual([]);
    expect(API_KEY_EVENT_TYPES.filter((type) => isPartnershipEventType(type) || isTeammateEventType(type))).toEqual([]);
    expect(API_KEY_EVENT_TYPES.every(isApiKeyEventType)).toBe(true);
    expect(WEBHOOK_EVENT_TYPES.filter((type) => isPartnershipEventType(type) || isTeammateEventType(type) || isApiKeyEventType(type))).toEqual([]);
    expect(WEBHOOK_EVENT_TYPES.every(isWebhookEventType)).toBe(true);
  });

  it('gives every type schema version 1', () => {
    expect(SCHEMA_VERSION).toBe(1);
    for (const type of DOMAIN_EVENT_TYPES) {
      expect(EVENT_SCHEMA_VERSIONS[type]).toBe(1);
    }
  });

  it('recognises event types read back as strings', () => {
    expect(isPartnershipEventType('CommissionEarned')).toBe(true);
    expect(isPartnershipEventType('TeammateAdded')).toBe(false);
    expect(isTeammateEventType('TeammateRoleChanged')).toBe(true);
    expect(isTeammateEventType('Unknown')).toBe(false);
  });
});
