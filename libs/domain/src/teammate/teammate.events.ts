import type { DomainEvent } from '../shared/event';
import type { TeammateRole } from './teammate-role';

export type TeammateAdded = DomainEvent<
  'TeammateAdded',
  {
    readonly teammateId: string;
    readonly name: string;
    readonly email: string;
    readonly role: TeammateRole;
  }
>;

export type TeammateRoleChanged = DomainEvent<
  'TeammateRoleChanged',
  {
    readonly teammateId: string;
    readonly role: TeammateRole;
    readonly previousRole: TeammateRole;
  }
>;

export type TeammateRemoved = DomainEvent<
  'TeammateRemoved',
  {
    readonly teammateId: string;
    /** The role held until the removal. */
    readonly role: TeammateRole;
    readonly reason: string | null;
  }
>;

export type TeammateEvent = TeammateAdded | TeammateRoleChanged | TeammateRemoved;

export type TeammateEventType = TeammateEvent['type'];

export const TEAMMATE_EVENT_TYPES: readonly TeammateEventType[] = ['TeammateAdded', 'TeammateRoleChanged', 'TeammateRemoved'];
