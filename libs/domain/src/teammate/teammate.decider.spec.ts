import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { TEST_NOW } from '../testing/partnership.fixtures';
import type { AddTeammate, ChangeTeammateRole, RemoveTeammate } from './teammate.commands';
import { teammateDecider } from './teammate.decider';
import type { TeammateAdded } from './teammate.events';
import { roleAtLeast, TEAMMATE_ROLES, type TeammateRole } from './teammate-role';
import { teammateSnapshot } from './teammate.state';

const spec = DeciderSpecification.for(teammateDecider);

const addTeammate = (data: Partial<AddTeammate['data']> = {}): AddTeammate => ({
  type: 'AddTeammate',
  data: { teammateId: 'm1', name: 'Grace Hopper', email: 'grace@company.test', role: 'teammate', actorRole: 'admin', ...data },
  metadata: { now: TEST_NOW },
});

const changeRole = (role: TeammateRole, teammateId = 'm1', actorRole: TeammateRole = 'owner'): ChangeTeammateRole => ({
  type: 'ChangeTeammateRole',
  data: { teammateId, role, actorRole },
  metadata: { now: TEST_NOW },
});

const removeTeammate = (actorRole: TeammateRole = 'admin', reason: string | null = 'Left the company'): RemoveTeammate => ({
  type: 'RemoveTeammate',
  data: { teammateId: 'm1', reason, actorRole },
  metadata: { now: TEST_NOW },
});

const teammateRemoved = { type: 'TeammateRemoved', data: { teammateId: 'm1', role: 'teammate', reason: 'Left the company' } } as const;

const teammateAdded: TeammateAdded = {
  type: 'TeammateAdded',
  data: { teammateId: 'm1', name: 'Grace Hopper', email: 'grace@company.test', role: 'teammate' },
};

describe('teammate decider', () => {
  describe('when the teammate does not exist', () => {
    it('adds the teammate', () => {
      spec.given([]).when(addTeammate()).then([teammateAdded]);
    });

    it('refuses a role change with TEAMMATE_NOT_FOUND', () => {
      spec.given([]).when(changeRole('admin')).thenThrows(NotFoundError, 'TEAMMATE_NOT_FOUND', { teammateId: 'm1' });
    });

    it.each([
      ['teammateId', { teammateId: 'not valid!' }],
      ['name', { name: '   ' }],
      ['email', { email: 'not-an-email' }],
      ['role', { role: 'superuser' as TeammateRole }],
    ])('refuses an invalid %s', (field, data) => {
      spec
        .given([])
        .when(addTeammate(data))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field })] });
    });
  });

  describe('when the teammate exists', () => {
    it('refuses to add it again with TEAMMATE_ALREADY_EXISTS', () => {
      spec.given([teammateAdded]).when(addTeammate()).thenThrows(ConflictError, 'TEAMMATE_ALREADY_EXISTS');
    });

    it('changes the role and records the previous one', () => {
      spec
        .given([teammateAdded])
        .when(changeRole('admin'))
        .then([{ type: 'TeammateRoleChanged', data: { teammateId: 'm1', role: 'admin', previousRole: 'teammate' } }]);
    });

    it('writes nothing when the role is already the requested one', () => {
      spec.given([teammateAdded]).when(changeRole('teammate')).thenNothing();
    });

    it('refuses an unknown role', () => {
      spec
        .given([teammateAdded])
        .when(changeRole('superuser' as TeammateRole))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'role' })] });
    });
  });

  describe('who may manage the team', () => {
    it('lets an admin add teammates up to admin', () => {
      spec.given([]).when(addTeammate({ role: 'admin', actorRole: 'admin' })).then([{ ...teammateAdded, data: { ...teammateAdded.data, role: 'admin' } }]);
    });

    it('refuses an admin who adds an owner with FORBIDDEN', () => {
      spec.given([]).when(addTeammate({ role: 'owner', actorRole: 'admin' })).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('lets only an owner add an owner', () => {
      spec.given([]).when(addTeammate({ role: 'owner', actorRole: 'owner' })).then([{ ...teammateAdded, data: { ...teammateAdded.data, role: 'owner' } }]);
    });

    it.each(['teammate', 'viewer'] as const)('refuses a %s who adds anyone', (actorRole) => {
      spec.given([]).when(addTeammate({ role: 'viewer', actorRole })).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('refuses an admin who promotes to owner, or changes an owner', () => {
      spec.given([teammateAdded]).when(changeRole('owner', 'm1', 'admin')).thenThrows(ForbiddenError, 'FORBIDDEN');
      const owner = { ...teammateAdded, data: { ...teammateAdded.data, role: 'owner' as const } };
      spec.given([owner]).when(changeRole('viewer', 'm1', 'admin')).thenThrows(ForbiddenError, 'FORBIDDEN');
      spec.given([owner]).when(removeTeammate('admin')).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('refuses a missing actor role as invalid input', () => {
      spec
        .given([teammateAdded])
        .when({ type: 'ChangeTeammateRole', data: { teammateId: 'm1', role: 'viewer' } as ChangeTeammateRole['data'], metadata: { now: TEST_NOW } })
        .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'actorRole' })] });
    });
  });

  describe('when the teammate is removed', () => {
    it('records the removal with the role held and the reason', () => {
      spec.given([teammateAdded]).when(removeTeammate()).then([teammateRemoved]);
    });

    it('writes nothing when removed again', () => {
      spec.given([teammateAdded, teammateRemoved]).when(removeTeammate()).thenNothing();
    });

    it('refuses a role change with TEAMMATE_REMOVED', () => {
      spec.given([teammateAdded, teammateRemoved]).when(changeRole('admin')).thenThrows(RuleViolationError, 'TEAMMATE_REMOVED');
    });

    it('refuses to add the id again', () => {
      spec.given([teammateAdded, teammateRemoved]).when(addTeammate()).thenThrows(ConflictError, 'TEAMMATE_ALREADY_EXISTS');
    });

    it('refuses to remove a teammate that never existed with TEAMMATE_NOT_FOUND', () => {
      spec.given([]).when(removeTeammate()).thenThrows(NotFoundError, 'TEAMMATE_NOT_FOUND');
    });

    it('keeps the record, marked removed, in the snapshot', () => {
      spec.given([teammateAdded, teammateRemoved]).thenState((state) => {
        expect(state).toMatchObject({ status: 'removed', role: 'teammate', name: 'Grace Hopper' });
        expect(teammateSnapshot(state)).toEqual({ teammateId: 'm1', role: 'teammate', name: 'Grace Hopper', email: 'grace@company.test', removed: true });
      });
    });
  });

  describe('evolve', () => {
    it('starts with no teammate', () => {
      spec.given([]).thenState((state) => {
        expect(state).toEqual({ status: 'none' });
        expect(teammateSnapshot(state)).toBeNull();
      });
    });

    it('holds the latest role after role changes', () => {
      spec
        .given([
          teammateAdded,
          { type: 'TeammateRoleChanged', data: { teammateId: 'm1', role: 'admin', previousRole: 'teammate' } },
          { type: 'TeammateRoleChanged', data: { teammateId: 'm1', role: 'owner', previousRole: 'admin' } },
        ])
        .thenState((state) => {
          expect(state).toEqual({
            status: 'active',
            teammateId: 'm1',
            name: 'Grace Hopper',
            email: 'grace@company.test',
            role: 'owner',
          });
          expect(teammateSnapshot(state)).toEqual({
            teammateId: 'm1',
            role: 'owner',
            name: 'Grace Hopper',
            email: 'grace@company.test',
          });
        });
    });

    it('ignores an event type it does not know', () => {
      const unknown = { type: 'TeammateRetired', data: {} } as unknown as TeammateAdded;
      spec.given([teammateAdded, unknown]).thenState((state) => {
        expect(state).toMatchObject({ status: 'active', role: 'teammate' });
      });
    });
  });
});

describe('teammate roles', () => {
  it('ranks owner above admin above teammate above viewer', () => {
    expect(TEAMMATE_ROLES).toEqual(['owner', 'admin', 'teammate', 'viewer']);
    expect(roleAtLeast('owner', 'admin')).toBe(true);
    expect(roleAtLeast('admin', 'admin')).toBe(true);
    expect(roleAtLeast('teammate', 'admin')).toBe(false);
    expect(roleAtLeast('teammate', 'teammate')).toBe(true);
    expect(roleAtLeast('viewer', 'teammate')).toBe(false);
  });
});
