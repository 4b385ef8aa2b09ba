import { ConflictError, ErrorCodes, NotFoundError, RuleViolationError } from '../shared/errors';
import {
  MAX_TEXT_LENGTH,
  optionalIsoDate,
  optionalUrl,
  requireId,
  requireText,
} from '../shared/field-validation';
import { parseMoney, requirePositiveAmount, sameMoney } from '../shared/money';
import type { IssueInvoice, PayOutMdf, RecordMdfDeliverable, SettleInvoice } from './partnership.commands';
import type { PartnershipEvent } from './partnership.events';
import { requireExisting, requireNotOffboarded } from './partnership.guards';
import type { PartnershipState } from './partnership.state';

/*
 * Invoices and MDF follow the commission rules: a repeated id with the same payload is a no-op
 * in any status, with another payload a conflict. New ones are refused after offboarding, but
 * settling them is not, so a forced offboarding can still be cleaned up.
 */

export function issueInvoice({ data }: IssueInvoice, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const invoiceId = requireId('invoiceId', data.invoiceId);
  const amount = requirePositiveAmount(parseMoney(data.amount, 'amount'), 'amount');
  const dueAt = optionalIsoDate('dueAt', data.dueAt);
  const partner = requireExisting(state, partnerId);
  const existing = partner.invoices.get(invoiceId);
  if (existing !== undefined) {
    if (sameMoney(existing.amount, amount) && existing.dueAt === dueAt) {
      return [];
    }
    throw new ConflictError(
      ErrorCodes.INVOICE_ID_CONFLICT,
      `Invoice ${invoiceId} was already issued with other details`,
      { partnerId, invoiceId },
    );
  }
  requireNotOffboarded(partner);
  return [{ type: 'InvoiceIssued', data: { partnerId, invoiceId, amount, dueAt } }];
}

export function settleInvoice({ data }: SettleInvoice, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const invoiceId = requireId('invoiceId', data.invoiceId);
  const invoice = requireExisting(state, partnerId).invoices.get(invoiceId);
  if (invoice === undefined) {
    throw new NotFoundError(ErrorCodes.INVOICE_NOT_FOUND, `Partner ${partnerId} has no invoice ${invoiceId}`, {
      partnerId,
      invoiceId,
    });
  }
  if (invoice.state === 'settled') {
    throw new RuleViolationError(ErrorCodes.INVOICE_ALREADY_SETTLED, `Invoice ${invoiceId} is already settled`, {
      partnerId,
      invoiceId,
    });
  }
  return [{ type: 'InvoiceSettled', data: { partnerId, invoiceId, amount: invoice.amount } }];
}

export function payOutMdf({ data }: PayOutMdf, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const mdfId = requireId('mdfId', data.mdfId);
  const amount = requirePositiveAmount(parseMoney(data.amount, 'amount'), 'amount');
  const purpose = requireText('purpose', data.purpose, MAX_TEXT_LENGTH);
  const partner = requireExisting(state, partnerId);
  const existing = partner.mdf.get(mdfId);
  if (existing !== undefined) {
    if (sameMoney(existing.amount, amount) && existing.purpose === purpose) {
      return [];
    }
    throw new ConflictError(ErrorCodes.MDF_ID_CONFLICT, `MDF ${mdfId} was already paid out with other details`, {
      partnerId,
      mdfId,
    });
  }
  requireNotOffboarded(partner);
  return [{ type: 'MdfPaidOut', data: { partnerId, mdfId, amount, purpose } }];
}

export function recordMdfDeliverable({ data }: RecordMdfDeliverable, state: PartnershipState): PartnershipEvent[] {
  const partnerId = requireId('partnerId', data.partnerId);
  const mdfId = requireId('mdfId', data.mdfId);
  const description = requireText('description', data.description, MAX_TEXT_LENGTH);
  const url = optionalUrl('url', data.url);
  const payment = requireExisting(state, partnerId).mdf.get(mdfId);
  if (payment === undefined) {
    throw new NotFoundError(ErrorCodes.MDF_NOT_FOUND, `Partner ${partnerId} has no MDF payment ${mdfId}`, {
      partnerId,
      mdfId,
    });
  }
  if (payment.state === 'deliverable_received') {
    throw new RuleViolationError(
      ErrorCodes.MDF_DELIVERABLE_ALREADY_RECEIVED,
      `The deliverable for MDF ${mdfId} is already received`,
      { partnerId, mdfId },
    );
  }
  return [{ type: 'MdfDeliverableReceived', data: { partnerId, mdfId, description, url } }];
}
