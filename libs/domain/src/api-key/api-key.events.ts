import type { DomainEvent } from '../shared/event';
import type { TeammateRole } from '../teammate/teammate-role';

/** A key acts as a teammate (with that teammate's current role) or as one partner. */
export type ApiKeyRole = TeammateRole | 'partner';

/**
 * A credential was issued. The secret never appears in an event: only a hash of it is kept, in
 * a table beside the log, so the log, its exports and Kafka can be shared without granting access.
 */
export type ApiKeyIssued = DomainEvent<
  'ApiKeyIssued',
  {
    readonly keyId: string;
    readonly name: string;
    /** Exactly one of `teammateId` and `partnerId` is set. */
    readonly teammateId: string | null;
    readonly partnerId: string | null;
    /** The holder's role when the key was issued; a teammate key always acts with the current one. */
    readonly role: ApiKeyRole;
    /** ISO 8601; null: the key does not expire. */
    readonly expiresAt: string | null;
  }
>;

export type ApiKeyRevoked = DomainEvent<
  'ApiKeyRevoked',
  {
    readonly keyId: string;
    readonly reason: string | null;
  }
>;

export type ApiKeyEvent = ApiKeyIssued | ApiKeyRevoked;

export type ApiKeyEventType = ApiKeyEvent['type'];

export const API_KEY_EVENT_TYPES: readonly ApiKeyEventType[] = ['ApiKeyIssued', 'ApiKeyRevoked'];
