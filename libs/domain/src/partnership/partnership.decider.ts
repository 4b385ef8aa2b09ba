import { type Decider, unknownCommand } from '../shared/decider';
import { assignManager, changeTier } from './account.decisions';
import { issueInvoice, payOutMdf, recordMdfDeliverable, settleInvoice } from './finance.decisions';
import { enablePartner, offboardPartner, onboardPartner, selectPartner } from './lifecycle.decisions';
import type { PartnershipCommand } from './partnership.commands';
import type { PartnershipEvent } from './partnership.events';
import { evolvePartnership } from './partnership.evolve';
import type { PartnershipState } from './partnership.state';
import { earnCommission, payOutCommission, referLead, reverseCommission } from './referral.decisions';

/**
 * Checks run in a fixed order: input shape (400), the partner exists (404), for commands that
 * create an item under a caller-chosen id the replay test (no-op or 409), then status and
 * business rules (422), and last the "nothing to change" no-ops (same manager, same tier).
 */
export function decidePartnership(command: PartnershipCommand, state: PartnershipState): PartnershipEvent[] {
  switch (command.type) {
    case 'SelectPartner':
      return selectPartner(command, state);
    case 'OnboardPartner':
      return onboardPartner(command, state);
    case 'EnablePartner':
      return enablePartner(command, state);
    case 'OffboardPartner':
      return offboardPartner(command, state);
    case 'AssignManager':
      return assignManager(command, state);
    case 'ChangeTier':
      return changeTier(command, state);
    case 'ReferLead':
      return referLead(command, state);
    case 'EarnCommission':
      return earnCommission(command, state);
    case 'PayOutCommission':
      return payOutCommission(command, state);
    case 'ReverseCommission':
      return reverseCommission(command, state);
    case 'IssueInvoice':
      return issueInvoice(command, state);
    case 'SettleInvoice':
      return settleInvoice(command, state);
    case 'PayOutMdf':
      return payOutMdf(command, state);
    case 'RecordMdfDeliverable':
      return recordMdfDeliverable(command, state);
    default:
      throw unknownCommand(command);
  }
}

export const partnershipDecider: Decider<PartnershipCommand, PartnershipEvent, PartnershipState> = {
  initialState: () => ({ status: 'none' }),
  evolve: evolvePartnership,
  decide: decidePartnership,
};
