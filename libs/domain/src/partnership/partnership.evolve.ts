import { skipUnknownEvent } from '../shared/decider';
import { PersistentMap } from '../shared/persistent-map';
import { obligationKey } from './clearance';
import type { PartnershipEvent } from './partnership.events';
import type { ExistingPartnershipState, PartnershipState, PartnershipStatus } from './partnership.state';

/**
 * Applies a recorded fact. Events are never refused here: an event that does not fit the state
 * (only possible in a damaged or hand-edited stream) leaves the state unchanged.
 */
export function evolvePartnership(state: PartnershipState, event: PartnershipEvent): PartnershipState {
  if (event.type === 'PartnerSelected') {
    if (state.status !== 'none') {
      return state;
    }
    const { partnerId, name, contactName, contactEmail, type, tier, reason } = event.data;
    return {
      status: 'selected',
      partnerId,
      name,
      contactName,
      contactEmail,
      type,
      tier,
      selectionReason: reason,
      managerId: null,
      leads: PersistentMap.empty(),
      commissions: PersistentMap.empty(),
      invoices: PersistentMap.empty(),
      mdf: PersistentMap.empty(),
      openObligations: PersistentMap.empty(),
    };
  }
  if (state.status === 'none') {
    return state;
  }
  return evolveExisting(state, event);
}

function evolveExisting(state: ExistingPartnershipState, event: PartnershipEvent): PartnershipState {
  switch (event.type) {
    case 'PartnerSelected':
      return state;
    case 'PartnerOnboarded':
      return withStatus(state, 'onboarded');
    case 'PartnerEnabled':
      return withStatus(state, 'enabled');
    case 'PartnerOffboarded': {
      const { reason, override } = event.data;
      return { ...state, status: 'offboarded', offboarding: { reason, override } };
    }
    case 'PartnerManagerReassigned':
      return { ...state, managerId: event.data.managerId };
    case 'PartnerTierChanged':
      return { ...state, tier: event.data.tier };
    case 'LeadReferred': {
      const { leadId, customerName, customerEmail, estimatedValue } = event.data;
      return { ...state, leads: state.leads.set(leadId, { leadId, customerName, customerEmail, estimatedValue }) };
    }
    case 'CommissionEarned': {
      const { commissionId, customerId, saleAmount, commissionAmount, leadId } = event.data;
      const commission = { commissionId, customerId, saleAmount, commissionAmount, leadId, state: 'earned' as const };
      return {
        ...state,
        commissions: state.commissions.set(commissionId, commission),
        openObligations: state.openObligations.set(obligationKey('unpaid_commission', commissionId), {
          kind: 'unpaid_commission',
          id: commissionId,
          amount: commissionAmount,
        }),
      };
    }
    case 'CommissionPaidOut':
    case 'CommissionReversed': {
      const { commissionId } = event.data;
      const commission = state.commissions.get(commissionId);
      if (commission === undefined) {
        return state;
      }
      const next = event.type === 'CommissionPaidOut' ? 'paid' : 'reversed';
      return {
        ...state,
        commissions: state.commissions.set(commissionId, { ...commission, state: next }),
        openObligations: state.openObligations.delete(obligationKey('unpaid_commission', commissionId)),
      };
    }
    case 'InvoiceIssued': {
      const { invoiceId, amount, dueAt } = event.data;
      return {
        ...state,
        invoices: state.invoices.set(invoiceId, { invoiceId, amount, dueAt, state: 'issued' }),
        openObligations: state.openObligations.set(obligationKey('open_invoice', invoiceId), {
          kind: 'open_invoice',
          id: invoiceId,
          amount,
        }),
      };
    }
    case 'InvoiceSettled': {
      const { invoiceId } = event.data;
      const invoice = state.invoices.get(invoiceId);
      if (invoice === undefined) {
        return state;
      }
      return {
        ...state,
        invoices: state.invoices.set(invoiceId, { ...invoice, state: 'settled' }),
        openObligations: state.openObligations.delete(obligationKey('open_invoice', invoiceId)),
      };
    }
    case 'MdfPaidOut': {
      const { mdfId, amount, purpose } = event.data;
      return {
        ...state,
        mdf: state.mdf.set(mdfId, { mdfId, amount, purpose, state: 'awaiting_deliverable', deliverable: null }),
        openObligations: state.openObligations.set(obligationKey('mdf_without_deliverable', mdfId), {
          kind: 'mdf_without_deliverable',
          id: mdfId,
          amount,
        }),
      };
    }
    case 'MdfDeliverableReceived': {
      const { mdfId, description, url } = event.data;
      const payment = state.mdf.get(mdfId);
      if (payment === undefined) {
        return state;
      }
      return {
        ...state,
        mdf: state.mdf.set(mdfId, { ...payment, state: 'deliverable_received', deliverable: { description, url } }),
        openObligations: state.openObligations.delete(obligationKey('mdf_without_deliverable', mdfId)),
      };
    }
    default:
      return skipUnknownEvent(event, state);
  }
}

/** Offboarding is terminal: a lifecycle event after it (a damaged stream) changes nothing. */
function withStatus(
  state: ExistingPartnershipState,
  status: Exclude<PartnershipStatus, 'offboarded'>,
): PartnershipState {
  if (state.status === 'offboarded') {
    return state;
  }
  return { ...state, status };
}
