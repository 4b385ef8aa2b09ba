import { ErrorCodes, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { requireId } from '../shared/field-validation';
import { roleAtLeast } from '../teammate/teammate-role';
import type { AssignManager, ChangeTier } from './partnership.commands';
import type { PartnershipEvent } from './partnership.events';
import { requireExisting, requireNotOffboarded } from './partnership.guards';
import type { PartnershipState } from './partnership.state';
import { requireTier } from './partner-tier';

/**
 * The manager is checked before the no-op test, so a request naming an unfit teammate is
 * refused even when that teammate already manages the partner (e.g. after a demotion).
 */
export function assignManager({ data }: AssignManager, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const managerId = requireId('managerId', data.managerId);
  const partner = requireNotOffboarded(requireExisting(state, partnerId));
  const manager = data.manager;
  if (manager == null) {
    throw new NotFoundError(ErrorCodes.TEAMMATE_NOT_FOUND, `Teammate ${managerId} does not exist`, {
      teammateId: managerId,
    });
  }
  if (manager.teammateId !== managerId) {
    throw ValidationError.forField('manager', 'must be the teammate named by managerId');
  }
  if (manager.removed) {
    throw new RuleViolationError(ErrorCodes.TEAMMATE_REMOVED, `Teammate ${managerId} was removed; choose another manager`, { teammateId: managerId });
  }
  if (!roleAtLeast(manager.role, 'teammate')) {
    throw new RuleViolationError(
      ErrorCodes.MANAGER_ROLE_INSUFFICIENT,
      `Teammate ${managerId} is ${manager.role}; a partner manager needs role teammate or higher`,
      { teammateId: managerId, role: manager.role },
    );
  }
  if (partner.managerId === managerId) {
    return [];
  }
  return [{ type: 'PartnerManagerReassigned', data: { partnerId, managerId, previousManagerId: partner.managerId } }];
}

export function changeTier({ data }: ChangeTier, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const tier = requireTier(data.tier);
  const partner = requireNotOffboarded(requireExisting(state, partnerId));
  if (partner.tier === tier) {
    return [];
  }
  return [{ type: 'PartnerTierChanged', data: { partnerId, tier, previousTier: partner.tier } }];
}
