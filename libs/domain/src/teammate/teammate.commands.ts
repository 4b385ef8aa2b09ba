import type { Command } from '../shared/command';
import type { TeammateRole } from './teammate-role';

export type AddTeammate = Command<
  'AddTeammate',
  {
    readonly teammateId: string;
    readonly name: string;
    readonly email: string;
    readonly role: TeammateRole;
  }
>;

export type ChangeTeammateRole = Command<
  'ChangeTeammateRole',
  {
    readonly teammateId: string;
    readonly role: TeammateRole;
  }
>;

export type TeammateCommand = AddTeammate | ChangeTeammateRole;

export type TeammateCommandType = TeammateCommand['type'];
