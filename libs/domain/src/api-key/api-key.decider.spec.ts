import { ConflictError, ForbiddenError, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { TEST_NOW } from '../testing/partnership.fixtures';
import { teammateWithRole } from '../testing/teammate.fixtures';
import type { TeammateRole } from '../teammate/teammate-role';
import type { IssueApiKey, RevokeApiKey } from './api-key.commands';
import { apiKeyDecider } from './api-key.decider';
import type { ApiKeyIssued } from './api-key.events';

const spec = DeciderSpecification.for(apiKeyDecider);

const forTeammate = (role: TeammateRole, actorRole: TeammateRole, extra: Partial<IssueApiKey['data']> = {}): IssueApiKey => ({
  type: 'IssueApiKey',
  data: { keyId: 'k1', name: 'CRM sync', holder: { kind: 'teammate', teammateId: 'grace', teammate: teammateWithRole(role, 'grace') }, actorRole, ...extra },
  metadata: { now: TEST_NOW },
});

const forPartner = (partnerStatus: 'enabled' | 'offboarded' | null, actorRole: TeammateRole = 'teammate'): IssueApiKey => ({
  type: 'IssueApiKey',
  data: { keyId: 'k2', name: 'Acme portal', holder: { kind: 'partner', partnerId: 'acme', partnerStatus }, actorRole },
  metadata: { now: TEST_NOW },
});

const revoke = (actorRole: TeammateRole, actorTeammateId: string | null, holderRole: TeammateRole | null, keyId = 'k1'): RevokeApiKey => ({
  type: 'RevokeApiKey',
  data: { keyId, actorRole, actorTeammateId, holderRole },
  metadata: { now: TEST_NOW },
});

const teammateKey = (role: TeammateRole): ApiKeyIssued => ({
  type: 'ApiKeyIssued',
  data: { keyId: 'k1', name: 'CRM sync', teammateId: 'grace', partnerId: null, role, expiresAt: null },
});

const partnerKey: ApiKeyIssued = {
  type: 'ApiKeyIssued',
  data: { keyId: 'k2', name: 'Acme portal', teammateId: null, partnerId: 'acme', role: 'partner', expiresAt: null },
};

describe('api key decider', () => {
  describe('issuing a key for a teammate', () => {
    it('records the holder and the role it has now, never a secret', () => {
      spec.given([]).when(forTeammate('teammate', 'admin')).then([teammateKey('teammate')]);
    });

    it('keeps the expiry as a UTC instant', () => {
      spec
        .given([])
        .when(forTeammate('viewer', 'admin', { expiresAt: '2031-01-01T01:00:00+01:00' }))
        .then([{ type: 'ApiKeyIssued', data: { ...teammateKey('viewer').data, expiresAt: '2031-01-01T00:00:00.000Z' } }]);
    });

    it('refuses an expiry that is already past', () => {
      spec
        .given([])
        .when(forTeammate('viewer', 'admin', { expiresAt: '2020-01-01' }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'expiresAt' })] });
    });

    it('lets an admin issue keys up to admin, and only an owner for an owner', () => {
      spec.given([]).when(forTeammate('admin', 'admin')).then([teammateKey('admin')]);
      spec.given([]).when(forTeammate('owner', 'admin')).thenThrows(ForbiddenError, 'FORBIDDEN');
      spec.given([]).when(forTeammate('owner', 'owner')).then([teammateKey('owner')]);
    });

    it('refuses a teammate who issues a teammate key', () => {
      spec.given([]).when(forTeammate('viewer', 'teammate')).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('refuses an unknown teammate with TEAMMATE_NOT_FOUND', () => {
      const command = forTeammate('viewer', 'admin');
      spec
        .given([])
        .when({ ...command, data: { ...command.data, holder: { kind: 'teammate', teammateId: 'nobody', teammate: null } } })
        .thenThrows(NotFoundError, 'TEAMMATE_NOT_FOUND');
    });

    it('refuses a removed teammate with TEAMMATE_REMOVED', () => {
      const command = forTeammate('viewer', 'admin');
      spec
        .given([])
        .when({ ...command, data: { ...command.data, holder: { kind: 'teammate', teammateId: 'grace', teammate: { ...teammateWithRole('viewer', 'grace'), removed: true } } } })
        .thenThrows(RuleViolationError, 'TEAMMATE_REMOVED');
    });

    it('refuses a key id that is taken', () => {
      spec.given([teammateKey('viewer')]).when(forTeammate('viewer', 'admin')).thenThrows(ConflictError, 'API_KEY_ALREADY_EXISTS');
    });
  });

  describe('issuing a key for a partner', () => {
    it('binds the key to the partner', () => {
      spec.given([]).when(forPartner('enabled')).then([partnerKey]);
    });

    it('refuses a viewer', () => {
      spec.given([]).when(forPartner('enabled', 'viewer')).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('refuses an unknown partner with PARTNER_NOT_FOUND and an offboarded one with PARTNER_OFFBOARDED', () => {
      spec.given([]).when(forPartner(null)).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
      spec.given([]).when(forPartner('offboarded')).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
    });
  });

  describe('revoking', () => {
    const revoked = { type: 'ApiKeyRevoked', data: { keyId: 'k1', reason: null } } as const;

    it('lets an admin revoke a teammate key up to admin', () => {
      spec.given([teammateKey('teammate')]).when(revoke('admin', 'ann', 'teammate')).then([revoked]);
    });

    it('judges the holder by the role it has now', () => {
      spec.given([teammateKey('teammate')]).when(revoke('admin', 'ann', 'owner')).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('lets anyone give up a key of their own', () => {
      spec.given([teammateKey('viewer')]).when(revoke('viewer', 'grace', 'viewer')).then([revoked]);
    });

    it("refuses a teammate who revokes someone else's teammate key", () => {
      spec.given([teammateKey('viewer')]).when(revoke('teammate', 'tom', 'viewer')).thenThrows(ForbiddenError, 'FORBIDDEN');
    });

    it('lets a teammate revoke a partner key', () => {
      spec
        .given([partnerKey])
        .when(revoke('teammate', 'tom', null, 'k2'))
        .then([{ type: 'ApiKeyRevoked', data: { keyId: 'k2', reason: null } }]);
    });

    it('writes nothing when the key is already revoked', () => {
      spec.given([teammateKey('viewer'), revoked]).when(revoke('admin', 'ann', 'viewer')).thenNothing();
    });

    it('refuses an unknown key with API_KEY_NOT_FOUND', () => {
      spec.given([]).when(revoke('owner', null, null)).thenThrows(NotFoundError, 'API_KEY_NOT_FOUND');
    });
  });

  describe('evolve', () => {
    it('folds issue then revoke into a revoked key that keeps its record', () => {
      spec.given([partnerKey, { type: 'ApiKeyRevoked', data: { keyId: 'k2', reason: 'rotated' } }]).thenState((state) => {
        expect(state).toEqual({ status: 'revoked', ...partnerKey.data });
      });
    });
  });
});
