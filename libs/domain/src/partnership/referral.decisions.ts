import {
  ConflictError,
  type ErrorCode,
  ErrorCodes,
  NotFoundError,
  RuleViolationError,
  ValidationError,
} from '../shared/errors';
import { MAX_TEXT_LENGTH, optionalEmail, requireId, requireText } from '../shared/field-validation';
import {
  parseMoney,
  requireNonNegativeAmount,
  requirePositiveAmount,
  sameMoney,
  sameOptionalMoney,
} from '../shared/money';
import type { EarnCommission, PayOutCommission, ReferLead, ReverseCommission } from './partnership.commands';
import type { PartnershipEvent } from './partnership.events';
import { requireEnabled, requireExisting } from './partnership.guards';
import type { Commission, ExistingPartnershipState, PartnershipState } from './partnership.state';

/*
 * Creating commands with a caller-chosen id are idempotent: the same id with the same payload
 * is a no-op in any status (so a retry after a later lifecycle change still succeeds), with
 * another payload a conflict. Status rules apply to new ids only.
 */

export function referLead({ data }: ReferLead, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const leadId = requireId('leadId', data.leadId);
  const customerName = requireText('customerName', data.customerName);
  const customerEmail = optionalEmail('customerEmail', data.customerEmail);
  const estimatedValue =
    data.estimatedValue == null
      ? null
      : requireNonNegativeAmount(parseMoney(data.estimatedValue, 'estimatedValue'), 'estimatedValue');
  const partner = requireExisting(state, partnerId);
  const existing = partner.leads.get(leadId);
  if (existing !== undefined) {
    const same =
      existing.customerName === customerName &&
      existing.customerEmail === customerEmail &&
      sameOptionalMoney(existing.estimatedValue, estimatedValue);
    if (same) {
      return [];
    }
    throw new ConflictError(ErrorCodes.LEAD_ID_CONFLICT, `Lead ${leadId} was already referred with other details`, {
      partnerId,
      leadId,
    });
  }
  requireEnabled(partner);
  return [{ type: 'LeadReferred', data: { partnerId, leadId, customerName, customerEmail, estimatedValue } }];
}

export function earnCommission({ data }: EarnCommission, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const commissionId = requireId('commissionId', data.commissionId);
  const customerId = requireId('customerId', data.customerId);
  const saleAmount = requireNonNegativeAmount(parseMoney(data.saleAmount, 'saleAmount'), 'saleAmount');
  const commissionAmount = parseMoney(data.commissionAmount, 'commissionAmount');
  if (commissionAmount.currency !== saleAmount.currency) {
    throw ValidationError.forField(
      'commissionAmount.currency',
      `must be the sale's currency ${saleAmount.currency}`,
      ErrorCodes.CURRENCY_MISMATCH,
    );
  }
  requirePositiveAmount(commissionAmount, 'commissionAmount');
  const leadId = data.leadId == null || data.leadId === '' ? null : requireId('leadId', data.leadId);
  const partner = requireExisting(state, partnerId);
  const existing = partner.commissions.get(commissionId);
  if (existing !== undefined) {
    const same =
      existing.customerId === customerId &&
      existing.leadId === leadId &&
      sameMoney(existing.saleAmount, saleAmount) &&
      sameMoney(existing.commissionAmount, commissionAmount);
    if (same) {
      return [];
    }
    throw new ConflictError(
      ErrorCodes.COMMISSION_ID_CONFLICT,
      `Commission ${commissionId} was already earned with other details`,
      { partnerId, commissionId },
    );
  }
  requireEnabled(partner);
  if (leadId !== null && !partner.leads.has(leadId)) {
    throw new RuleViolationError(ErrorCodes.LEAD_NOT_FOUND, `Partner ${partnerId} has no lead ${leadId}`, {
      partnerId,
      leadId,
    });
  }
  return [
    { type: 'CommissionEarned', data: { partnerId, commissionId, customerId, saleAmount, commissionAmount, leadId } },
  ];
}

/** Allowed after offboarding: settling what a forced offboarding left open. */
export function payOutCommission({ data }: PayOutCommission, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const commissionId = requireId('commissionId', data.commissionId);
  const commission = requireCommission(requireExisting(state, partnerId), commissionId);
  if (commission.state === 'reversed') {
    throw commissionRefusal(ErrorCodes.COMMISSION_REVERSED, partnerId, commission, 'was reversed, not payable');
  }
  if (commission.state === 'paid') {
    throw commissionRefusal(ErrorCodes.COMMISSION_ALREADY_PAID, partnerId, commission, 'is already paid out');
  }
  return [{ type: 'CommissionPaidOut', data: { partnerId, commissionId, amount: commission.commissionAmount } }];
}

/** A clawback before payout; allowed after offboarding for the same reason as payouts. */
export function reverseCommission({ data }: ReverseCommission, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const commissionId = requireId('commissionId', data.commissionId);
  const reason = requireText('reason', data.reason, MAX_TEXT_LENGTH);
  const commission = requireCommission(requireExisting(state, partnerId), commissionId);
  if (commission.state === 'paid') {
    throw commissionRefusal(ErrorCodes.COMMISSION_ALREADY_PAID, partnerId, commission, 'is already paid out');
  }
  if (commission.state === 'reversed') {
    throw commissionRefusal(ErrorCodes.COMMISSION_ALREADY_REVERSED, partnerId, commission, 'is already reversed');
  }
  const { commissionAmount: amount, saleAmount, customerId } = commission;
  return [{ type: 'CommissionReversed', data: { partnerId, commissionId, amount, saleAmount, customerId, reason } }];
}

function requireCommission(partner: ExistingPartnershipState, commissionId: string): Commission {
  const commission = partner.commissions.get(commissionId);
  if (commission === undefined) {
    throw new NotFoundError(
      ErrorCodes.COMMISSION_NOT_FOUND,
      `Partner ${partner.partnerId} has no commission ${commissionId}`,
      { partnerId: partner.partnerId, commissionId },
    );
  }
  return commission;
}

function commissionRefusal(
  code: ErrorCode,
  partnerId: string,
  commission: Commission,
  what: string,
): RuleViolationError {
  return new RuleViolationError(code, `Commission ${commission.commissionId} ${what}`, {
    partnerId,
    commissionId: commission.commissionId,
    state: commission.state,
  });
}
