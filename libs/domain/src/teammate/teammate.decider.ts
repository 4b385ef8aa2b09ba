import { type Decider, skipUnknownEvent, unknownCommand } from '../shared/decider';
import { ConflictError, ErrorCodes, NotFoundError } from '../shared/errors';
import { requireEmail, requireId, requireOneOf, requireText } from '../shared/field-validation';
import type { AddTeammate, ChangeTeammateRole, TeammateCommand } from './teammate.commands';
import type { TeammateEvent } from './teammate.events';
import { TEAMMATE_ROLES } from './teammate-role';
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
    default:
      throw unknownCommand(command);
  }
}

function addTeammate({ data }: AddTeammate, state: TeammateState): TeammateEvent[] {
  const teammateId = requireId('teammateId', data.teammateId);
  const name = requireText('name', data.name);
  const email = requireEmail('email', data.email);
  const role = requireOneOf('role', data.role, TEAMMATE_ROLES);
  if (state.status !== 'none') {
    throw new ConflictError(ErrorCodes.TEAMMATE_ALREADY_EXISTS, `Teammate ${teammateId} already exists`, {
      teammateId,
    });
  }
  return [{ type: 'TeammateAdded', data: { teammateId, name, email, role } }];
}

function changeTeammateRole({ data }: ChangeTeammateRole, state: TeammateState): TeammateEvent[] {
  const teammateId = requireId('teammateId', data.teammateId);
  const role = requireOneOf('role', data.role, TEAMMATE_ROLES);
  if (state.status === 'none') {
    throw new NotFoundError(ErrorCodes.TEAMMATE_NOT_FOUND, `Teammate ${teammateId} does not exist`, { teammateId });
  }
  if (state.role === role) {
    return [];
  }
  return [{ type: 'TeammateRoleChanged', data: { teammateId, role, previousRole: state.role } }];
}

function evolveTeammate(state: TeammateState, event: TeammateEvent): TeammateState {
  switch (event.type) {
    case 'TeammateAdded': {
      const { teammateId, name, email, role } = event.data;
      return { status: 'active', teammateId, name, email, role };
    }
    case 'TeammateRoleChanged':
      return state.status === 'active' ? { ...state, role: event.data.role } : state;
    default:
      return skipUnknownEvent(event, state);
  }
}
