import { ErrorCodes, NotFoundError, RuleViolationError } from '../shared/errors';
import type {
  EnabledPartnership,
  ExistingPartnershipState,
  OffboardedPartnership,
  PartnershipState,
} from './partnership.state';

/** The one wording of an unknown partner, wherever it is found missing (commands, read models, access). */
export function partnerNotFound(partnerId: string): NotFoundError {
  return new NotFoundError(ErrorCodes.PARTNER_NOT_FOUND, `Partner ${partnerId} does not exist`, { partnerId });
}

export function requireExisting(state: PartnershipState, partnerId: string): ExistingPartnershipState {
  if (state.status === 'none') {
    throw partnerNotFound(partnerId);
  }
  return state;
}

export function requireNotOffboarded(
  state: ExistingPartnershipState,
): Exclude<ExistingPartnershipState, OffboardedPartnership> {
  if (state.status === 'offboarded') {
    throw new RuleViolationError(ErrorCodes.PARTNER_OFFBOARDED, `Partner ${state.partnerId} is offboarded`, {
      partnerId: state.partnerId,
      status: state.status,
    });
  }
  return state;
}

/** Offboarded partners answer PARTNER_OFFBOARDED, like every command offboarding forbids. */
export function requireEnabled(state: ExistingPartnershipState): EnabledPartnership {
  const active = requireNotOffboarded(state);
  if (active.status !== 'enabled') {
    throw new RuleViolationError(
      ErrorCodes.PARTNER_NOT_ENABLED,
      `Partner ${active.partnerId} is ${active.status}, not enabled`,
      { partnerId: active.partnerId, partnerStatus: active.status },
    );
  }
  return active;
}
