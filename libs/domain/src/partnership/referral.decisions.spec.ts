import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { money, type Money } from '../shared/money';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  commissionEarned,
  enabledHistory,
  offboardedHistory,
  onboardedHistory,
  partnerOffboarded,
  partnershipCommand,
  partnershipEvent,
  selectedHistory,
  usd,
} from '../testing/partnership.fixtures';
import { partnershipDecider } from './partnership.decider';

const spec = DeciderSpecification.for(partnershipDecider);

describe('referring a lead', () => {
  const referLead = partnershipCommand('ReferLead', {
    leadId: 'l1',
    customerName: 'Globex',
    customerEmail: 'buyer@globex.test',
    estimatedValue: usd(500_000),
  });
  const leadReferred = partnershipEvent('LeadReferred', {
    leadId: 'l1',
    customerName: 'Globex',
    customerEmail: 'buyer@globex.test',
    estimatedValue: usd(500_000),
  });

  describe('when the partner is enabled', () => {
    it('records the lead', () => {
      spec.given(enabledHistory).when(referLead).then([leadReferred]);
    });

    it('records absent email and estimated value as null', () => {
      spec
        .given(enabledHistory)
        .when(partnershipCommand('ReferLead', { leadId: 'l2', customerName: 'Initech' }))
        .then([
          partnershipEvent('LeadReferred', {
            leadId: 'l2',
            customerName: 'Initech',
            customerEmail: null,
            estimatedValue: null,
          }),
        ]);
    });

    it('writes nothing when the same lead is referred again', () => {
      spec.given([...enabledHistory, leadReferred]).when(referLead).thenNothing();
    });

    it('refuses the same lead id with other details with LEAD_ID_CONFLICT', () => {
      spec
        .given([...enabledHistory, leadReferred])
        .when(partnershipCommand('ReferLead', { ...referLead.data, estimatedValue: usd(1) }))
        .thenThrows(ConflictError, 'LEAD_ID_CONFLICT', { leadId: 'l1' });
    });

    it('refuses a negative estimated value with INVALID_AMOUNT', () => {
      spec
        .given(enabledHistory)
        .when(partnershipCommand('ReferLead', { ...referLead.data, estimatedValue: usd(-1) }))
        .thenThrows(ValidationError, 'INVALID_AMOUNT');
    });

    it('refuses a malformed estimated value with INVALID_MONEY', () => {
      spec
        .given(enabledHistory)
        .when(
          partnershipCommand('ReferLead', { ...referLead.data, estimatedValue: { amountMinor: 1.5, currency: 'USD' } }),
        )
        .thenThrows(ValidationError, 'INVALID_MONEY', {
          errors: [expect.objectContaining({ field: 'estimatedValue.amountMinor' })],
        });
    });

    it('refuses an invalid customer email', () => {
      spec
        .given(enabledHistory)
        .when(partnershipCommand('ReferLead', { ...referLead.data, customerEmail: 'nope' }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', {
          errors: [expect.objectContaining({ field: 'customerEmail' })],
        });
    });
  });

  it.each([
    ['selected', selectedHistory],
    ['onboarded', onboardedHistory],
  ])('refuses a partner that is %s with PARTNER_NOT_ENABLED', (status, history) => {
    spec.given(history).when(referLead).thenThrows(RuleViolationError, 'PARTNER_NOT_ENABLED', { partnerStatus: status });
  });

  it('refuses an offboarded partner with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(referLead).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });

  it('still treats a replay of a lead recorded before offboarding as a no-op', () => {
    spec.given([...enabledHistory, leadReferred, partnerOffboarded]).when(referLead).thenNothing();
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(referLead).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});

describe('earning a commission', () => {
  type EarnData = { saleAmount?: Money; commissionAmount?: Money; leadId?: string | null; customerId?: string };
  const earn = (data: EarnData = {}) =>
    partnershipCommand('EarnCommission', {
      commissionId: 'c1',
      customerId: 'customer-c1',
      saleAmount: usd(10_000),
      commissionAmount: usd(1_000),
      ...data,
    });

  describe('when the partner is enabled', () => {
    it('records the commission with a null lead when none is given', () => {
      spec.given(enabledHistory).when(earn()).then([commissionEarned('c1')]);
    });

    it('links the commission to a referred lead', () => {
      const leadReferred = partnershipEvent('LeadReferred', {
        leadId: 'l1',
        customerName: 'Globex',
        customerEmail: null,
        estimatedValue: null,
      });
      spec
        .given([...enabledHistory, leadReferred])
        .when(earn({ leadId: 'l1' }))
        .then([partnershipEvent('CommissionEarned', { ...commissionEarned('c1').data, leadId: 'l1' })]);
    });

    it('refuses a lead the partner never referred with LEAD_NOT_FOUND', () => {
      spec
        .given(enabledHistory)
        .when(earn({ leadId: 'l404' }))
        .thenThrows(RuleViolationError, 'LEAD_NOT_FOUND', { leadId: 'l404' });
    });

    it('accepts a zero sale amount, e.g. a sign-up bounty', () => {
      spec
        .given(enabledHistory)
        .when(earn({ saleAmount: usd(0) }))
        .then([commissionEarned('c1', 1_000, 0)]);
    });

    it('writes nothing when the same commission is earned again', () => {
      spec.given([...enabledHistory, commissionEarned('c1')]).when(earn()).thenNothing();
    });

    it.each([
      ['customer', { customerId: 'someone-else' }],
      ['sale amount', { saleAmount: usd(10_001) }],
      ['commission amount', { commissionAmount: usd(999) }],
    ])('refuses the same commission id with another %s with COMMISSION_ID_CONFLICT', (_what, data) => {
      spec
        .given([...enabledHistory, commissionEarned('c1')])
        .when(earn(data))
        .thenThrows(ConflictError, 'COMMISSION_ID_CONFLICT', { commissionId: 'c1' });
    });

    it('refuses a commission in another currency than the sale with CURRENCY_MISMATCH', () => {
      spec
        .given(enabledHistory)
        .when(earn({ commissionAmount: money(1_000, 'EUR') }))
        .thenThrows(ValidationError, 'CURRENCY_MISMATCH', {
          errors: [expect.objectContaining({ field: 'commissionAmount.currency' })],
        });
    });

    it.each([0, -1])('refuses a commission amount of %i with INVALID_AMOUNT', (amountMinor) => {
      spec
        .given(enabledHistory)
        .when(earn({ commissionAmount: usd(amountMinor) }))
        .thenThrows(ValidationError, 'INVALID_AMOUNT', {
          errors: [expect.objectContaining({ field: 'commissionAmount.amountMinor' })],
        });
    });

    it('refuses a negative sale amount with INVALID_AMOUNT', () => {
      spec
        .given(enabledHistory)
        .when(earn({ saleAmount: usd(-100) }))
        .thenThrows(ValidationError, 'INVALID_AMOUNT', {
          errors: [expect.objectContaining({ field: 'saleAmount.amountMinor' })],
        });
    });

    it('refuses a fractional amount with INVALID_MONEY', () => {
      spec
        .given(enabledHistory)
        .when(earn({ saleAmount: { amountMinor: 99.99, currency: 'USD' } }))
        .thenThrows(ValidationError, 'INVALID_MONEY');
    });
  });

  it.each([
    ['selected', selectedHistory],
    ['onboarded', onboardedHistory],
  ])('refuses a partner that is %s with PARTNER_NOT_ENABLED', (_status, history) => {
    spec.given(history).when(earn()).thenThrows(RuleViolationError, 'PARTNER_NOT_ENABLED');
  });

  it('refuses an offboarded partner with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(earn()).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(earn()).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});

describe('paying out a commission', () => {
  const payOut = partnershipCommand('PayOutCommission', { commissionId: 'c1' });
  const paidOut = partnershipEvent('CommissionPaidOut', { commissionId: 'c1', amount: usd(1_000) });
  const reversed = partnershipEvent('CommissionReversed', {
    commissionId: 'c1',
    amount: usd(1_000),
    saleAmount: usd(10_000),
    customerId: 'customer-c1',
    reason: 'Refunded',
  });

  it('pays out the commission amount', () => {
    spec.given([...enabledHistory, commissionEarned('c1')]).when(payOut).then([paidOut]);
  });

  it('pays out after a forced offboarding, to settle what was left open', () => {
    spec
      .given([
        ...enabledHistory,
        commissionEarned('c1'),
        partnershipEvent('PartnerOffboarded', {
          reason: 'Closed',
          clearance: { cleared: false, blockers: [{ kind: 'unpaid_commission', id: 'c1', amount: usd(1_000) }] },
          override: { byTeammateId: 'admin-1', reason: 'Forced' },
        }),
      ])
      .when(payOut)
      .then([paidOut]);
  });

  it('refuses a second payout of the same commission', () => {
    spec
      .given([...enabledHistory, commissionEarned('c1'), paidOut])
      .when(payOut)
      .thenThrows(RuleViolationError, 'COMMISSION_ALREADY_PAID', { commissionId: 'c1' });
  });

  it('refuses to pay out a reversed commission with COMMISSION_REVERSED', () => {
    spec
      .given([...enabledHistory, commissionEarned('c1'), reversed])
      .when(payOut)
      .thenThrows(RuleViolationError, 'COMMISSION_REVERSED');
  });

  it('refuses an unknown commission with COMMISSION_NOT_FOUND', () => {
    spec.given(enabledHistory).when(payOut).thenThrows(NotFoundError, 'COMMISSION_NOT_FOUND', { commissionId: 'c1' });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(payOut).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});

describe('reversing a commission', () => {
  const reverse = partnershipCommand('ReverseCommission', { commissionId: 'c1', reason: 'Refunded' });
  const reversed = partnershipEvent('CommissionReversed', {
    commissionId: 'c1',
    amount: usd(1_000),
    saleAmount: usd(10_000),
    customerId: 'customer-c1',
    reason: 'Refunded',
  });

  it('reverses an earned commission, carrying the sale and customer', () => {
    spec.given([...enabledHistory, commissionEarned('c1')]).when(reverse).then([reversed]);
  });

  it('reverses after offboarding', () => {
    spec
      .given([...enabledHistory, commissionEarned('c1'), partnerOffboarded])
      .when(reverse)
      .then([reversed]);
  });

  it('refuses to reverse a paid-out commission with COMMISSION_ALREADY_PAID', () => {
    spec
      .given([
        ...enabledHistory,
        commissionEarned('c1'),
        partnershipEvent('CommissionPaidOut', { commissionId: 'c1', amount: usd(1_000) }),
      ])
      .when(reverse)
      .thenThrows(RuleViolationError, 'COMMISSION_ALREADY_PAID');
  });

  it('refuses a second reversal with COMMISSION_ALREADY_REVERSED', () => {
    spec
      .given([...enabledHistory, commissionEarned('c1'), reversed])
      .when(reverse)
      .thenThrows(RuleViolationError, 'COMMISSION_ALREADY_REVERSED');
  });

  it('refuses an unknown commission with COMMISSION_NOT_FOUND', () => {
    spec.given(enabledHistory).when(reverse).thenThrows(NotFoundError, 'COMMISSION_NOT_FOUND');
  });

  it('refuses a reversal without a reason', () => {
    spec
      .given([...enabledHistory, commissionEarned('c1')])
      .when(partnershipCommand('ReverseCommission', { commissionId: 'c1', reason: '' }))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'reason' })] });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(reverse).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});
