import type { Command } from '../shared/command';
import type { TeammateRole } from './teammate-role';

/**
 * Who asks, where a rule is about roles: an admin manages the team below owner, only an owner
 * touches owners. The edge passes the caller's current role; operators' tools pass `owner`.
 */
export interface ActingRole {
  readonly actorRole: TeammateRole;
}

export type AddTeammate = Command<
  'AddTeammate',
  {
    readonly teammateId: string;
    readonly name: string;
    readonly email: string;
    readonly role: TeammateRole;
  } & ActingRole
>;

export type ChangeTeammateRole = Command<
  'ChangeTeammateRole',
  {
    readonly teammateId: string;
    readonly role: TeammateRole;
  } & ActingRole
>;

/** A person leaves the company: their keys stop working and they can no longer be assigned. */
export type RemoveTeammate = Command<
  'RemoveTeammate',
  {
    readonly teammateId: string;
    readonly reason?: string | null;
  } & ActingRole
>;

export type TeammateCommand = AddTeammate | ChangeTeammateRole | RemoveTeammate;

export type TeammateCommandType = TeammateCommand['type'];
