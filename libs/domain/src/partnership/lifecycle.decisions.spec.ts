import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  commissionEarned,
  enabledHistory,
  invoiceIssued,
  mdfPaidOut,
  offboardedHistory,
  onboardedHistory,
  partnerEnabled,
  partnerOnboarded,
  partnershipCommand,
  partnershipEvent,
  partnerSelected,
  selectedHistory,
  usd,
} from '../testing/partnership.fixtures';
import { teammateWithRole } from '../testing/teammate.fixtures';
import type { ClearanceBlocker } from './clearance';
import type { PartnerType } from './partner-type';
import { partnershipDecider } from './partnership.decider';

const spec = DeciderSpecification.for(partnershipDecider);

const selectPartner = partnershipCommand('SelectPartner', {
  name: 'Acme Ltd',
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@acme.test',
  type: 'reseller',
  tier: 'standard',
  reason: 'Strong EMEA presence',
});

describe('selecting a partner', () => {
  describe('when the partner does not exist', () => {
    it('selects it', () => {
      spec.given([]).when(selectPartner).then([partnerSelected]);
    });

    it('defaults the tier to standard and absent optional fields to null', () => {
      spec
        .given([])
        .when(
          partnershipCommand('SelectPartner', {
            name: 'Acme Ltd',
            contactEmail: 'ada@acme.test',
            type: 'affiliate',
          }),
        )
        .then([
          partnershipEvent('PartnerSelected', {
            name: 'Acme Ltd',
            contactName: null,
            contactEmail: 'ada@acme.test',
            type: 'affiliate',
            tier: 'standard',
            reason: null,
          }),
        ]);
    });

    it('keeps a custom tier', () => {
      spec
        .given([])
        .when(partnershipCommand('SelectPartner', { ...selectPartner.data, tier: 'gold' }))
        .then([partnershipEvent('PartnerSelected', { ...partnerSelected.data, tier: 'gold' })]);
    });

    it.each([
      ['partnerId', { partnerId: 'has spaces' }],
      ['name', { name: '' }],
      ['contactEmail', { contactEmail: 'nobody' }],
      ['type', { type: 'franchise' as PartnerType }],
      ['tier', { tier: 'gold star' }],
      ['contactName', { contactName: 'x'.repeat(201) }],
    ])('refuses an invalid %s', (field, data) => {
      spec
        .given([])
        .when(partnershipCommand('SelectPartner', { ...selectPartner.data, ...data }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field })] });
    });
  });

  describe('when the partner already exists', () => {
    it('refuses to select it again with PARTNER_ALREADY_EXISTS, even with the same details', () => {
      spec.given(selectedHistory).when(selectPartner).thenThrows(ConflictError, 'PARTNER_ALREADY_EXISTS');
    });
  });
});

describe('onboarding a partner', () => {
  const onboard = partnershipCommand('OnboardPartner', { notes: 'Agreement signed' });

  it('onboards a selected partner with its notes', () => {
    spec
      .given(selectedHistory)
      .when(onboard)
      .then([partnershipEvent('PartnerOnboarded', { notes: 'Agreement signed' })]);
  });

  it('records absent notes as null', () => {
    spec.given(selectedHistory).when(partnershipCommand('OnboardPartner', {})).then([partnerOnboarded]);
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(onboard).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND', { partnerId: 'p1' });
  });

  it.each([
    ['onboarded', onboardedHistory],
    ['enabled', enabledHistory],
  ])('refuses a partner that is already %s with PARTNER_NOT_SELECTED', (status, history) => {
    spec.given(history).when(onboard).thenThrows(RuleViolationError, 'PARTNER_NOT_SELECTED', { partnerStatus: status });
  });

  it('refuses an offboarded partner with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(onboard).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });
});

describe('enabling a partner', () => {
  const enable = partnershipCommand('EnablePartner', {});

  it('enables an onboarded partner', () => {
    spec.given(onboardedHistory).when(enable).then([partnerEnabled]);
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(enable).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });

  it.each([
    ['selected', selectedHistory],
    ['enabled', enabledHistory],
  ])('refuses a partner that is %s with PARTNER_NOT_ONBOARDED', (status, history) => {
    spec.given(history).when(enable).thenThrows(RuleViolationError, 'PARTNER_NOT_ONBOARDED', { partnerStatus: status });
  });

  it('refuses an offboarded partner with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(enable).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });
});

describe('offboarding a partner', () => {
  const offboard = (
    override: { byTeammateId: string; reason: string } | null = null,
    overrideBy = override === null ? null : teammateWithRole('admin', override.byTeammateId),
  ) => partnershipCommand('OffboardPartner', { reason: 'Program closed', override, overrideBy });

  const adminOverride = { byTeammateId: 'admin-1', reason: 'Contract terminated for cause' };

  const withOpenObligations = [
    ...enabledHistory,
    mdfPaidOut('mdf1', 20_000),
    invoiceIssued('inv1', 5_000),
    commissionEarned('c1', 1_000),
    commissionEarned('c2', 2_000),
  ];

  const expectedBlockers: ClearanceBlocker[] = [
    { kind: 'unpaid_commission', id: 'c1', amount: usd(1_000) },
    { kind: 'unpaid_commission', id: 'c2', amount: usd(2_000) },
    { kind: 'open_invoice', id: 'inv1', amount: usd(5_000) },
    { kind: 'mdf_without_deliverable', id: 'mdf1', amount: usd(20_000) },
  ];

  describe.each([
    ['selected', selectedHistory],
    ['onboarded', onboardedHistory],
    ['enabled', enabledHistory],
  ])('when the partner is %s and cleared', (_status, history) => {
    it('offboards it with a clean clearance and no override', () => {
      spec
        .given(history)
        .when(offboard())
        .then([
          partnershipEvent('PartnerOffboarded', {
            reason: 'Program closed',
            clearance: { cleared: true, blockers: [] },
            override: null,
          }),
        ]);
    });
  });

  describe('when the partner has open financial obligations', () => {
    it('refuses with CLEARANCE_REQUIRED listing every blocker in order', () => {
      spec
        .given(withOpenObligations)
        .when(offboard())
        .thenThrows(RuleViolationError, 'CLEARANCE_REQUIRED', { blockers: expectedBlockers });
    });

    it('offboards when an admin overrides, recording the blockers and the override', () => {
      spec
        .given(withOpenObligations)
        .when(offboard(adminOverride))
        .then([
          partnershipEvent('PartnerOffboarded', {
            reason: 'Program closed',
            clearance: { cleared: false, blockers: expectedBlockers },
            override: adminOverride,
          }),
        ]);
    });

    it('accepts an override by an owner', () => {
      const override = { byTeammateId: 'owner-1', reason: 'Board decision' };
      spec
        .given(withOpenObligations)
        .when(offboard(override, teammateWithRole('owner', 'owner-1')))
        .then([
          partnershipEvent('PartnerOffboarded', {
            reason: 'Program closed',
            clearance: { cleared: false, blockers: expectedBlockers },
            override,
          }),
        ]);
    });

    it.each(['teammate', 'viewer'] as const)('refuses an override by a %s with OVERRIDE_NOT_PERMITTED', (role) => {
      const override = { byTeammateId: `${role}-1`, reason: 'Please' };
      spec
        .given(withOpenObligations)
        .when(offboard(override, teammateWithRole(role)))
        .thenThrows(RuleViolationError, 'OVERRIDE_NOT_PERMITTED', { teammateId: `${role}-1`, role });
    });

    it('refuses an override naming no existing teammate with TEAMMATE_NOT_FOUND', () => {
      spec
        .given(withOpenObligations)
        .when(offboard(adminOverride, null))
        .thenThrows(NotFoundError, 'TEAMMATE_NOT_FOUND', { teammateId: 'admin-1' });
    });

    it('refuses an override whose teammate snapshot is someone else', () => {
      spec
        .given(withOpenObligations)
        .when(offboard(adminOverride, teammateWithRole('admin', 'admin-2')))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', {
          errors: [expect.objectContaining({ field: 'overrideBy' })],
        });
    });

    it('refuses an override without a reason', () => {
      spec
        .given(withOpenObligations)
        .when(offboard({ byTeammateId: 'admin-1', reason: ' ' }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', {
          errors: [expect.objectContaining({ field: 'override.reason' })],
        });
    });
  });

  describe('when an override is given but the clearance is clean', () => {
    it('offboards without recording the override, since nothing was forced', () => {
      spec
        .given(enabledHistory)
        .when(offboard(adminOverride))
        .then([
          partnershipEvent('PartnerOffboarded', {
            reason: 'Program closed',
            clearance: { cleared: true, blockers: [] },
            override: null,
          }),
        ]);
    });

    it('still refuses an override by a teammate below admin', () => {
      spec
        .given(enabledHistory)
        .when(offboard({ byTeammateId: 'viewer-1', reason: 'x' }, teammateWithRole('viewer')))
        .thenThrows(RuleViolationError, 'OVERRIDE_NOT_PERMITTED');
    });

    it('still refuses an override naming no existing teammate', () => {
      spec
        .given(enabledHistory)
        .when(offboard(adminOverride, null))
        .thenThrows(NotFoundError, 'TEAMMATE_NOT_FOUND');
    });
  });

  describe('when every obligation has been settled', () => {
    it('offboards without an override', () => {
      spec
        .given([
          ...withOpenObligations,
          partnershipEvent('MdfDeliverableReceived', { mdfId: 'mdf1', description: 'Booth photos', url: null }),
          partnershipEvent('InvoiceSettled', { invoiceId: 'inv1', amount: usd(5_000) }),
          partnershipEvent('CommissionPaidOut', { commissionId: 'c1', amount: usd(1_000) }),
          partnershipEvent('CommissionReversed', {
            commissionId: 'c2',
            amount: usd(2_000),
            saleAmount: usd(10_000),
            customerId: 'customer-c2',
            reason: 'Refunded',
          }),
        ])
        .when(offboard())
        .then([
          partnershipEvent('PartnerOffboarded', {
            reason: 'Program closed',
            clearance: { cleared: true, blockers: [] },
            override: null,
          }),
        ]);
    });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(offboard()).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });

  it('refuses a second offboarding with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(offboard()).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });

  it('refuses a missing reason', () => {
    spec
      .given(enabledHistory)
      .when(partnershipCommand('OffboardPartner', { reason: '', override: null, overrideBy: null }))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'reason' })] });
  });
});
