import { NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  enabledHistory,
  offboardedHistory,
  onboardedHistory,
  partnershipCommand,
  partnershipEvent,
  selectedHistory,
} from '../testing/partnership.fixtures';
import { teammateWithRole } from '../testing/teammate.fixtures';
import type { TeammateSnapshot } from '../teammate/teammate.state';
import { partnershipDecider } from './partnership.decider';

const spec = DeciderSpecification.for(partnershipDecider);

const assign = (manager: TeammateSnapshot | null, managerId = manager?.teammateId ?? 'ghost') =>
  partnershipCommand('AssignManager', { managerId, manager });

const managerAssigned = (managerId: string, previousManagerId: string | null) =>
  partnershipEvent('PartnerManagerReassigned', { managerId, previousManagerId });

describe('assigning a partner manager', () => {
  const alice = teammateWithRole('teammate', 'alice');
  const bob = teammateWithRole('admin', 'bob');

  describe.each([
    ['selected', selectedHistory],
    ['onboarded', onboardedHistory],
    ['enabled', enabledHistory],
  ])('when the partner is %s', (_status, history) => {
    it('assigns the first manager with no previous manager', () => {
      spec.given(history).when(assign(alice)).then([managerAssigned('alice', null)]);
    });
  });

  describe('when the partner already has a manager', () => {
    const managed = [...enabledHistory, managerAssigned('alice', null)];

    it('changes the manager and records the previous one', () => {
      spec.given(managed).when(assign(bob)).then([managerAssigned('bob', 'alice')]);
    });

    it('writes nothing when the same manager is assigned again', () => {
      spec.given(managed).when(assign(alice)).thenNothing();
    });

    it('refuses the current manager again once demoted below teammate', () => {
      spec
        .given(managed)
        .when(assign(teammateWithRole('viewer', 'alice')))
        .thenThrows(RuleViolationError, 'MANAGER_ROLE_INSUFFICIENT');
    });
  });

  it.each(['owner', 'admin', 'teammate'] as const)('accepts a manager with role %s', (role) => {
    const manager = teammateWithRole(role);
    spec.given(enabledHistory).when(assign(manager)).then([managerAssigned(manager.teammateId, null)]);
  });

  it('refuses a viewer with MANAGER_ROLE_INSUFFICIENT', () => {
    spec
      .given(enabledHistory)
      .when(assign(teammateWithRole('viewer', 'vic')))
      .thenThrows(RuleViolationError, 'MANAGER_ROLE_INSUFFICIENT', { teammateId: 'vic', role: 'viewer' });
  });

  it('refuses a teammate who was removed with TEAMMATE_REMOVED', () => {
    spec
      .given(enabledHistory)
      .when(assign({ ...teammateWithRole('admin', 'gone'), removed: true }))
      .thenThrows(RuleViolationError, 'TEAMMATE_REMOVED', { teammateId: 'gone' });
  });

  it('refuses a manager that does not exist with TEAMMATE_NOT_FOUND', () => {
    spec.given(enabledHistory).when(assign(null, 'ghost')).thenThrows(NotFoundError, 'TEAMMATE_NOT_FOUND', {
      teammateId: 'ghost',
    });
  });

  it('refuses a teammate snapshot that is not the named manager', () => {
    spec
      .given(enabledHistory)
      .when(assign(alice, 'bob'))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'manager' })] });
  });

  it('refuses an invalid manager id', () => {
    spec
      .given(enabledHistory)
      .when(assign(null, 'no/slashes'))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'managerId' })] });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(assign(alice)).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });

  it('refuses any assignment after offboarding with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(assign(alice)).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });
});

describe('changing the tier', () => {
  const changeTier = (tier: string) => partnershipCommand('ChangeTier', { tier });

  it('changes the tier and records the previous one', () => {
    spec
      .given(enabledHistory)
      .when(changeTier('gold'))
      .then([partnershipEvent('PartnerTierChanged', { tier: 'gold', previousTier: 'standard' })]);
  });

  it('follows earlier tier changes', () => {
    spec
      .given([...selectedHistory, partnershipEvent('PartnerTierChanged', { tier: 'gold', previousTier: 'standard' })])
      .when(changeTier('platinum'))
      .then([partnershipEvent('PartnerTierChanged', { tier: 'platinum', previousTier: 'gold' })]);
  });

  it('writes nothing when the tier is already the requested one', () => {
    spec.given(enabledHistory).when(changeTier('standard')).thenNothing();
  });

  it('refuses a tier that is not an id-like name', () => {
    spec
      .given(enabledHistory)
      .when(changeTier('x'.repeat(33)))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'tier' })] });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(changeTier('gold')).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });

  it('refuses an offboarded partner with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(changeTier('gold')).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });
});
