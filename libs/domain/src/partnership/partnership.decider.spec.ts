import { NotFoundError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { partnershipCommand, usd } from '../testing/partnership.fixtures';
import { teammateWithRole } from '../testing/teammate.fixtures';
import type { PartnershipCommand } from './partnership.commands';
import { partnershipDecider } from './partnership.decider';

const spec = DeciderSpecification.for(partnershipDecider);

const everyCommandButSelect: PartnershipCommand[] = [
  partnershipCommand('OnboardPartner', {}),
  partnershipCommand('EnablePartner', {}),
  partnershipCommand('OffboardPartner', { reason: 'x', override: null, overrideBy: null }),
  partnershipCommand('AssignManager', { managerId: 'm1', manager: teammateWithRole('teammate', 'm1') }),
  partnershipCommand('ChangeTier', { tier: 'gold' }),
  partnershipCommand('ReferLead', { leadId: 'l1', customerName: 'Globex' }),
  partnershipCommand('EarnCommission', {
    commissionId: 'c1',
    customerId: 'cu1',
    saleAmount: usd(100),
    commissionAmount: usd(10),
  }),
  partnershipCommand('PayOutCommission', { commissionId: 'c1' }),
  partnershipCommand('ReverseCommission', { commissionId: 'c1', reason: 'x' }),
  partnershipCommand('IssueInvoice', { invoiceId: 'i1', amount: usd(100) }),
  partnershipCommand('SettleInvoice', { invoiceId: 'i1' }),
  partnershipCommand('PayOutMdf', { mdfId: 'm1', amount: usd(100), purpose: 'x' }),
  partnershipCommand('RecordMdfDeliverable', { mdfId: 'm1', description: 'x' }),
];

describe('partnership decider', () => {
  describe('when the partner does not exist', () => {
    it('covers every command but SelectPartner', () => {
      expect(new Set(everyCommandButSelect.map((command) => command.type)).size).toBe(13);
    });

    it.each(everyCommandButSelect.map((command) => [command.type, command] as const))(
      'refuses %s with PARTNER_NOT_FOUND',
      (_type, command) => {
        spec.given([]).when(command).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND', { partnerId: 'p1' });
      },
    );
  });

  it('refuses a command type it does not know', () => {
    const command = { ...partnershipCommand('OnboardPartner', {}), type: 'Teleport' } as unknown as PartnershipCommand;
    spec.given([]).when(command).thenThrows(ValidationError, 'VALIDATION_FAILED');
  });

  it('starts from no partner', () => {
    expect(partnershipDecider.initialState()).toEqual({ status: 'none' });
  });
});
