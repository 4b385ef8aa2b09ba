import { type Decider, skipUnknownEvent, unknownCommand } from '../shared/decider';
import { ConflictError, ErrorCodes, ForbiddenError, NotFoundError, RuleViolationError } from '../shared/errors';
import { optionalText, requireEmail, requireId, requireOneOf, requireText } from '../shared/field-validation';
import type { AddTeammate, ChangeTeammateRole, RemoveTeammate, TeammateCommand } from './teammate.commands';
import type { TeammateEvent } from './teammate.events';
import { roleAtLeast, TEAMMATE_ROLES, type TeammateRole } from './teammate-role';
import type { TeammateState } from './teammate.state';

export const teammateDecider: Decider<TeammateCommand, TeammateEvent, TeammateState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveTeammate,
  decide: decideTeammate,
};

function decideTeammate(command: TeammateCommand, state: TeammateState): TeammateEvent[] {
  switch (command.type) {
    case 'AddTeammate':
      return addTeammate(command, state);
    case 'ChangeTeammateRole':
      return changeTeammateRole(command, state);
    case 'RemoveTeammate':
      return removeTeammate(command, state);
    default:
      throw unknownCommand(command);
  }
}

/** Admins manage the team below owner; only an owner gives, changes or removes the owner role. */
function requireAuthority(actorRole: unknown, ...roles: readonly TeammateRole[]): void {
  const actor = requireOneOf('actorRole', actorRole, TEAMMATE_ROLES);
  const highest = roles.find((role) => !roleAtLeast(actor, role));
  if (!roleAtLeast(actor, 'admin') || highest !== undefined) {
    throw new ForbiddenError(
      highest === undefined
        ? `A ${actor} may not manage teammates; an admin or owner may`
        : `A ${actor} may not manage a teammate with role ${highest}`,
      { actorRole: actor },
    );
  }
}

function addTeammate({ data }: AddTeammate, state: TeammateState): TeammateEvent[] {
  const teammateId = requireId('teammateId', data.teammateId);
  const name = requireText('name', data.name);
  const email = requireEmail('email', data.email);
  const role = requireOneOf('role', data.role, TEAMMATE_ROLES);
  requireAuthority(data.actorRole, role);
  if (state.status !== 'none') {
    throw new ConflictError(ErrorCodes.TEAMMATE_ALREADY_EXISTS, `Teammate ${teammateId} already exists`, {
      teammateId,
    });
  }
  return [{ type: 'TeammateAdded', data: { teammateId, name, email, role } }];
}

function existingTeammate(teammateId: string, state: TeammateState) {
  if (state.status === 'none') {
    throw new NotFoundError(ErrorCodes.TEAMMATE_NOT_FOUND, `Teammate ${teammateId} does not exist`, { teammateId });
  }
  return state;
}

function changeTeammateRole({ data }: ChangeTeammateRole, state: TeammateState): TeammateEvent[] {
  const teammateId = requireId('teammateId', data.teammateId);
  const role = requireOneOf('role', data.role, TEAMMATE_ROLES);
  const teammate = existingTeammate(teammateId, state);
  requireAuthority(data.actorRole, teammate.role, role);
  if (teammate.status === 'removed') {
    throw new RuleViolationError(ErrorCodes.TEAMMATE_REMOVED, `Teammate ${teammateId} was removed`, { teammateId });
  }
  if (teammate.role === role) {
    return [];
  }
  return [{ type: 'TeammateRoleChanged', data: { teammateId, role, previousRole: teammate.role } }];
}

function removeTeammate({ data }: RemoveTeammate, state: TeammateState): TeammateEvent[] {
  const teammateId = requireId('teammateId', data.teammateId);
  const reason = optionalText('reason', data.reason);
  const teammate = existingTeammate(teammateId, state);
  requireAuthority(data.actorRole, teammate.role);
  if (teammate.status === 'removed') {
    return [];
  }
  return [{ type: 'TeammateRemoved', data: { teammateId, role: teammate.role, reason } }];
}

function evolveTeammate(state: TeammateState, event: TeammateEvent): TeammateState {
  switch (event.type) {
    case 'TeammateAdded': {
      const { teammateId, name, email, role } = event.data;
      return { status: 'active', teammateId, name, email, role };
    }
    case 'TeammateRoleChanged':
      return state.status === 'active' ? { ...state, role: event.data.role } : state;
    case 'TeammateRemoved':
      return state.status === 'active' ? { ...state, status: 'removed' } : state;
    default:
      return skipUnknownEvent(event, state);
  }
}
