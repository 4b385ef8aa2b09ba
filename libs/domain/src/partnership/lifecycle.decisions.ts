import { ConflictError, ErrorCodes, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import {
  MAX_NAME_LENGTH,
  MAX_TEXT_LENGTH,
  optionalText,
  requireEmail,
  requireId,
  requireOneOf,
  requireText,
} from '../shared/field-validation';
import { computeClearance, mayOverrideClearance } from './clearance';
import type { EnablePartner, OffboardPartner, OnboardPartner, SelectPartner } from './partnership.commands';
import type { OffboardingOverride, PartnershipEvent } from './partnership.events';
import { requireExisting, requireNotOffboarded } from './partnership.guards';
import type { PartnershipState } from './partnership.state';
import { DEFAULT_TIER, requireTier } from './partner-tier';
import { PARTNER_TYPES } from './partner-type';

export function selectPartner({ data }: SelectPartner, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const name = requireText('name', data.name);
  const contactName = optionalText('contactName', data.contactName, MAX_NAME_LENGTH);
  const contactEmail = requireEmail('contactEmail', data.contactEmail);
  const type = requireOneOf('type', data.type, PARTNER_TYPES);
  const tier = data.tier == null ? DEFAULT_TIER : requireTier(data.tier);
  const reason = optionalText('reason', data.reason);
  if (state.status !== 'none') {
    throw new ConflictError(ErrorCodes.PARTNER_ALREADY_EXISTS, `Partner ${partnerId} already exists`, { partnerId });
  }
  return [{ type: 'PartnerSelected', data: { partnerId, name, contactName, contactEmail, type, tier, reason } }];
}

export function onboardPartner({ data }: OnboardPartner, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const notes = optionalText('notes', data.notes);
  const partner = requireNotOffboarded(requireExisting(state, partnerId));
  if (partner.status !== 'selected') {
    throw new RuleViolationError(
      ErrorCodes.PARTNER_NOT_SELECTED,
      `Partner ${partnerId} is ${partner.status}; only a selected partner can be onboarded`,
      { partnerId, partnerStatus: partner.status },
    );
  }
  return [{ type: 'PartnerOnboarded', data: { partnerId, notes } }];
}

export function enablePartner({ data }: EnablePartner, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const notes = optionalText('notes', data.notes);
  const partner = requireNotOffboarded(requireExisting(state, partnerId));
  if (partner.status !== 'onboarded') {
    throw new RuleViolationError(
      ErrorCodes.PARTNER_NOT_ONBOARDED,
      `Partner ${partnerId} is ${partner.status}; only an onboarded partner can be enabled`,
      { partnerId, partnerStatus: partner.status },
    );
  }
  return [{ type: 'PartnerEnabled', data: { partnerId, notes } }];
}

/**
 * An override is checked in full whenever one is given (the teammate exists and is admin or
 * owner), but recorded only when it was needed: `override !== null` in the event means the
 * offboarding was forced past blockers.
 */
export function offboardPartner({ data }: OffboardPartner, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const reason = requireText('reason', data.reason, MAX_TEXT_LENGTH);
  const override = parseOverride(data.override);
  const partner = requireNotOffboarded(requireExisting(state, partnerId));
  if (override !== null) {
    const author = data.overrideBy;
    if (author == null) {
      throw new NotFoundError(ErrorCodes.TEAMMATE_NOT_FOUND, `Teammate ${override.byTeammateId} does not exist`, {
        teammateId: override.byTeammateId,
      });
    }
    if (author.teammateId !== override.byTeammateId) {
      throw ValidationError.forField('overrideBy', 'must be the teammate named by override.byTeammateId');
    }
    if (!mayOverrideClearance(author.role)) {
      throw new RuleViolationError(
        ErrorCodes.OVERRIDE_NOT_PERMITTED,
        `Teammate ${author.teammateId} is ${author.role}; only an admin or owner may override the clearance`,
        { teammateId: author.teammateId, role: author.role },
      );
    }
  }
  const clearance = computeClearance(partner);
  if (!clearance.cleared && override === null) {
    throw new RuleViolationError(
      ErrorCodes.CLEARANCE_REQUIRED,
      `Partner ${partnerId} has ${clearance.blockers.length} open financial obligation(s)`,
      { partnerId, blockers: clearance.blockers },
    );
  }
  return [
    {
      type: 'PartnerOffboarded',
      data: { partnerId, reason, clearance, override: clearance.cleared ? null : override },
    },
  ];
}

function parseOverride(value: OffboardingOverride | null | undefined): OffboardingOverride | null {
  if (value == null) {
    return null;
  }
  if (typeof value !== 'object') {
    throw ValidationError.forField('override', 'must be an object { byTeammateId, reason }');
  }
  return {
    byTeammateId: requireId('override.byTeammateId', value.byTeammateId),
    reason: requireText('override.reason', value.reason, MAX_TEXT_LENGTH),
  };
}
