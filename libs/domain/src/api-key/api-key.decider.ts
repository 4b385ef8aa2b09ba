import { type Decider, skipUnknownEvent, unknownCommand } from '../shared/decider';
import { ConflictError, ErrorCodes, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { optionalIsoDate, optionalText, requireId, requireOneOf, requireText } from '../shared/field-validation';
import { roleAtLeast, TEAMMATE_ROLES, type TeammateRole } from '../teammate/teammate-role';
import type { ApiKeyCommand, ApiKeyHolderLookup, IssueApiKey, RevokeApiKey } from './api-key.commands';
import type { ApiKeyEvent, ApiKeyIssued } from './api-key.events';
import type { ApiKeyState } from './api-key.state';

/**
 * API keys: who may hold one and who may take it away. Teammates' keys are an admin's business,
 * and nobody hands out or revokes a key above their own role; partner keys are a teammate's.
 */
export const apiKeyDecider: Decider<ApiKeyCommand, ApiKeyEvent, ApiKeyState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolveApiKey,
  decide: decideApiKey,
};

function decideApiKey(command: ApiKeyCommand, state: ApiKeyState): ApiKeyEvent[] {
  switch (command.type) {
    case 'IssueApiKey':
      return issueApiKey(command, state);
    case 'RevokeApiKey':
      return revokeApiKey(command, state);
    default:
      throw unknownCommand(command);
  }
}

function issueApiKey({ data, metadata }: IssueApiKey, state: ApiKeyState): ApiKeyEvent[] {
  const keyId = requireId('keyId', data.keyId);
  const name = requireText('name', data.name);
  const expiresAt = optionalIsoDate('expiresAt', data.expiresAt);
  if (expiresAt !== null && new Date(expiresAt).getTime() <= metadata.now.getTime()) {
    throw ValidationError.forField('expiresAt', 'must be in the future');
  }
  const actorRole = requireOneOf('actorRole', data.actorRole, TEAMMATE_ROLES);
  const holder = issuedHolder(data.holder, actorRole);
  if (state.status !== 'none') {
    throw new ConflictError(ErrorCodes.API_KEY_ALREADY_EXISTS, `API key ${keyId} already exists`, { keyId });
  }
  return [{ type: 'ApiKeyIssued', data: { keyId, name, ...holder, expiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString() } }];
}

function issuedHolder(
  holder: ApiKeyHolderLookup,
  actorRole: TeammateRole,
): Pick<ApiKeyIssued['data'], 'teammateId' | 'partnerId' | 'role'> {
  if (holder?.kind === 'partner') {
    const partnerId = requireId('partnerId', holder.partnerId);
    if (!roleAtLeast(actorRole, 'teammate')) {
      throw new ForbiddenError(`A ${actorRole} may not issue partner keys`, { actorRole });
    }
    if (holder.partnerStatus === null) {
      throw new NotFoundError(ErrorCodes.PARTNER_NOT_FOUND, `Partner ${partnerId} does not exist`, { partnerId });
    }
    if (holder.partnerStatus === 'offboarded') {
      throw new RuleViolationError(ErrorCodes.PARTNER_OFFBOARDED, `Partner ${partnerId} is offboarded`, { partnerId, status: 'offboarded' });
    }
    return { teammateId: null, partnerId, role: 'partner' };
  }
  if (holder?.kind !== 'teammate') {
    throw ValidationError.forField('holder', 'must name a teammate or a partner');
  }
  const teammateId = requireId('teammateId', holder.teammateId);
  const teammate = holder.teammate;
  if (teammate === null) {
    throw new NotFoundError(ErrorCodes.TEAMMATE_NOT_FOUND, `Teammate ${teammateId} does not exist`, { teammateId });
  }
  if (teammate.removed) {
    throw new RuleViolationError(ErrorCodes.TEAMMATE_REMOVED, `Teammate ${teammateId} was removed`, { teammateId });
  }
  if (!roleAtLeast(actorRole, 'admin') || !roleAtLeast(actorRole, teammate.role)) {
    throw new ForbiddenError(`A ${actorRole} may not issue a key for a teammate with role ${teammate.role}`, { actorRole });
  }
  return { teammateId, partnerId: null, role: teammate.role };
}

function revokeApiKey({ data }: RevokeApiKey, state: ApiKeyState): ApiKeyEvent[] {
  const keyId = requireId('keyId', data.keyId);
  const reason = optionalText('reason', data.reason);
  const actorRole = requireOneOf('actorRole', data.actorRole, TEAMMATE_ROLES);
  if (state.status === 'none') {
    throw new NotFoundError(ErrorCodes.API_KEY_NOT_FOUND, `API key ${keyId} does not exist`, { keyId });
  }
  if (!mayRevoke(state, actorRole, data.actorTeammateId, data.holderRole)) {
    throw new ForbiddenError(`A ${actorRole} may not revoke API key ${keyId}`, { actorRole, keyId });
  }
  if (state.status === 'revoked') {
    return [];
  }
  return [{ type: 'ApiKeyRevoked', data: { keyId, reason } }];
}

/** Anyone may give up a key of their own; otherwise revoking needs the authority that issuing does. */
function mayRevoke(
  key: Exclude<ApiKeyState, { status: 'none' }>,
  actorRole: TeammateRole,
  actorTeammateId: string | null,
  holderRole: TeammateRole | null,
): boolean {
  if (key.role === 'partner') return roleAtLeast(actorRole, 'teammate');
  if (actorTeammateId !== null && actorTeammateId === key.teammateId) return true;
  // A teammate who is gone is judged by the role the key was issued with.
  return roleAtLeast(actorRole, 'admin') && roleAtLeast(actorRole, holderRole ?? key.role);
}

function evolveApiKey(state: ApiKeyState, event: ApiKeyEvent): ApiKeyState {
  switch (event.type) {
    case 'ApiKeyIssued':
      return { status: 'active', ...event.data };
    case 'ApiKeyRevoked':
      return state.status === 'active' ? { ...state, status: 'revoked' } : state;
    default:
      return skipUnknownEvent(event, state);
  }
}
