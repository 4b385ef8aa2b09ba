import { ConflictError, NotFoundError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import { TEST_NOW } from '../testing/partnership.fixtures';
import type { DeleteWebhook, DisableFailingWebhook, RegisterWebhook, RotateWebhookSecret, UpdateWebhook } from './webhook.commands';
import { MAX_SECRET_OVERLAP_MS, webhookDecider } from './webhook.decider';
import type { WebhookDeleted, WebhookDisabled, WebhookEnabled, WebhookRegistered } from './webhook.events';

const spec = DeciderSpecification.for(webhookDecider);

const register = (extra: Partial<RegisterWebhook['data']> = {}): RegisterWebhook => ({
  type: 'RegisterWebhook',
  data: { webhookId: 'w1', url: 'https://hooks.crm.example/in', eventTypes: ['CommissionEarned', 'LeadReferred'], description: 'CRM sync', ...extra },
  metadata: { now: TEST_NOW },
});

const update = (data: Omit<UpdateWebhook['data'], 'webhookId'>, webhookId = 'w1'): UpdateWebhook => ({
  type: 'UpdateWebhook',
  data: { webhookId, ...data },
  metadata: { now: TEST_NOW },
});

const disableFailing = (reason = 'HTTP 503 after 8 attempts'): DisableFailingWebhook => ({
  type: 'DisableFailingWebhook',
  data: { webhookId: 'w1', reason },
  metadata: { now: TEST_NOW },
});

const rotate = (overlapMs: number): RotateWebhookSecret => ({
  type: 'RotateWebhookSecret',
  data: { webhookId: 'w1', overlapMs },
  metadata: { now: TEST_NOW },
});

const remove = (webhookId = 'w1'): DeleteWebhook => ({ type: 'DeleteWebhook', data: { webhookId }, metadata: { now: TEST_NOW } });

const registered: WebhookRegistered = {
  type: 'WebhookRegistered',
  data: { webhookId: 'w1', url: 'https://hooks.crm.example/in', eventTypes: ['CommissionEarned', 'LeadReferred'], description: 'CRM sync' },
};

const disabledOnRequest: WebhookDisabled = { type: 'WebhookDisabled', data: { webhookId: 'w1', cause: 'requested', reason: null } };
const enabled: WebhookEnabled = { type: 'WebhookEnabled', data: { webhookId: 'w1' } };
const deleted: WebhookDeleted = { type: 'WebhookDeleted', data: { webhookId: 'w1' } };

const refusedField = (field: string) => ({ errors: [expect.objectContaining({ field })] });

describe('webhook decider', () => {
  describe('registering a webhook', () => {
    it('records its URL, event types and description, never a secret', () => {
      spec.given([]).when(register()).then([registered]);
    });

    it('accepts ["*"] for every event type, and records a missing description as null', () => {
      spec
        .given([])
        .when(register({ eventTypes: ['*'], description: undefined }))
        .then([{ type: 'WebhookRegistered', data: { ...registered.data, eventTypes: ['*'], description: null } }]);
    });

    it('refuses an event type the catalog does not know', () => {
      spec
        .given([])
        .when(register({ eventTypes: ['CommissionEarned', 'PartnerHired'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('eventTypes'));
    });

    it('refuses no event types at all', () => {
      spec.given([]).when(register({ eventTypes: [] })).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('eventTypes'));
    });

    it('refuses an event type listed twice', () => {
      spec
        .given([])
        .when(register({ eventTypes: ['LeadReferred', 'LeadReferred'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('eventTypes'));
    });

    it('refuses "*" beside event types', () => {
      spec
        .given([])
        .when(register({ eventTypes: ['*', 'LeadReferred'] }))
        .thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('eventTypes'));
    });

    it('refuses a URL that is not http(s), and a missing one', () => {
      spec.given([]).when(register({ url: 'ftp://hooks.crm.example/in' })).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('url'));
      spec.given([]).when(register({ url: '' })).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('url'));
    });

    it('refuses a webhook id that is taken with WEBHOOK_ALREADY_EXISTS, a deleted one too', () => {
      spec.given([registered]).when(register()).thenThrows(ConflictError, 'WEBHOOK_ALREADY_EXISTS', { webhookId: 'w1' });
      spec.given([registered, deleted]).when(register()).thenThrows(ConflictError, 'WEBHOOK_ALREADY_EXISTS');
    });
  });

  describe('updating a webhook', () => {
    it('writes the full settings when one of them changes', () => {
      spec
        .given([registered])
        .when(update({ url: 'https://hooks.crm.example/v2' }))
        .then([{ type: 'WebhookUpdated', data: { ...registered.data, url: 'https://hooks.crm.example/v2' } }]);
    });

    it('changes the event types and clears the description', () => {
      spec
        .given([registered])
        .when(update({ eventTypes: ['*'], description: null }))
        .then([{ type: 'WebhookUpdated', data: { ...registered.data, eventTypes: ['*'], description: null } }]);
    });

    it('writes nothing when nothing changes', () => {
      spec.given([registered]).when(update({})).thenNothing();
      spec
        .given([registered])
        .when(update({ url: registered.data.url, eventTypes: [...registered.data.eventTypes], description: 'CRM sync', enabled: true }))
        .thenNothing();
    });

    it('disables it on request, with the reason', () => {
      spec
        .given([registered])
        .when(update({ enabled: false, reason: 'Endpoint being migrated' }))
        .then([{ type: 'WebhookDisabled', data: { webhookId: 'w1', cause: 'requested', reason: 'Endpoint being migrated' } }]);
    });

    it('writes nothing when a disabled webhook is disabled again', () => {
      spec.given([registered, disabledOnRequest]).when(update({ enabled: false })).thenNothing();
    });

    it('enables a disabled webhook', () => {
      spec.given([registered, disabledOnRequest]).when(update({ enabled: true })).then([enabled]);
    });

    it('writes the settings before the change of state when both come in one update', () => {
      spec
        .given([registered, disabledOnRequest])
        .when(update({ description: 'CRM sync v2', enabled: true }))
        .then([{ type: 'WebhookUpdated', data: { ...registered.data, description: 'CRM sync v2' } }, enabled]);
    });

    it('refuses settings the registration would refuse', () => {
      spec.given([registered]).when(update({ url: 'mailto:ops@crm.example' })).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('url'));
      spec.given([registered]).when(update({ eventTypes: ['*', 'LeadReferred'] })).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('eventTypes'));
    });

    it('refuses an unknown or deleted webhook with WEBHOOK_NOT_FOUND', () => {
      spec.given([]).when(update({ enabled: false })).thenThrows(NotFoundError, 'WEBHOOK_NOT_FOUND', { webhookId: 'w1' });
      spec.given([registered, deleted]).when(update({ url: 'https://hooks.crm.example/v2' })).thenThrows(NotFoundError, 'WEBHOOK_NOT_FOUND');
    });
  });

  describe('disabling a failing webhook', () => {
    it('disables it with cause failing and the last error', () => {
      spec
        .given([registered])
        .when(disableFailing())
        .then([{ type: 'WebhookDisabled', data: { webhookId: 'w1', cause: 'failing', reason: 'HTTP 503 after 8 attempts' } }]);
    });

    it('writes nothing when it is already disabled', () => {
      spec.given([registered, disabledOnRequest]).when(disableFailing()).thenNothing();
    });

    it('refuses a blank reason', () => {
      spec.given([registered]).when(disableFailing('  ')).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('reason'));
    });

    it('refuses a deleted webhook with WEBHOOK_NOT_FOUND', () => {
      spec.given([registered, deleted]).when(disableFailing()).thenThrows(NotFoundError, 'WEBHOOK_NOT_FOUND');
    });
  });

  describe('rotating the secret', () => {
    it('keeps the previous secret signing until now plus the overlap', () => {
      spec
        .given([registered])
        .when(rotate(86_400_000))
        .then([{ type: 'WebhookSecretRotated', data: { webhookId: 'w1', previousSecretExpiresAt: '2026-03-03T09:00:00.000Z' } }]);
    });

    it('accepts no overlap and the longest one', () => {
      spec
        .given([registered])
        .when(rotate(0))
        .then([{ type: 'WebhookSecretRotated', data: { webhookId: 'w1', previousSecretExpiresAt: TEST_NOW.toISOString() } }]);
      spec
        .given([registered, disabledOnRequest])
        .when(rotate(MAX_SECRET_OVERLAP_MS))
        .then([{ type: 'WebhookSecretRotated', data: { webhookId: 'w1', previousSecretExpiresAt: '2026-03-09T09:00:00.000Z' } }]);
    });

    it('refuses an overlap outside 0 to MAX_SECRET_OVERLAP_MS, or not whole milliseconds', () => {
      for (const overlapMs of [-1, MAX_SECRET_OVERLAP_MS + 1, 1.5, Number.NaN]) {
        spec.given([registered]).when(rotate(overlapMs)).thenThrows(ValidationError, 'VALIDATION_FAILED', refusedField('overlapMs'));
      }
    });

    it('refuses an unknown webhook with WEBHOOK_NOT_FOUND', () => {
      spec.given([]).when(rotate(0)).thenThrows(NotFoundError, 'WEBHOOK_NOT_FOUND');
    });
  });

  describe('deleting a webhook', () => {
    it('deletes an enabled or a disabled webhook', () => {
      spec.given([registered]).when(remove()).then([deleted]);
      spec.given([registered, disabledOnRequest]).when(remove()).then([deleted]);
    });

    it('refuses an unknown or already deleted webhook with WEBHOOK_NOT_FOUND', () => {
      spec.given([]).when(remove()).thenThrows(NotFoundError, 'WEBHOOK_NOT_FOUND');
      spec.given([registered, deleted]).when(remove()).thenThrows(NotFoundError, 'WEBHOOK_NOT_FOUND');
    });
  });

  describe('evolve', () => {
    it('folds a registration into an enabled webhook with its settings', () => {
      spec.given([registered]).thenState((state) => {
        expect(state).toEqual({ status: 'enabled', ...registered.data });
      });
    });

    it('folds updates, disabling, enabling and deletion, and ignores a rotation', () => {
      const updated = { type: 'WebhookUpdated', data: { ...registered.data, eventTypes: ['*'], description: null } } as const;
      const rotated = { type: 'WebhookSecretRotated', data: { webhookId: 'w1', previousSecretExpiresAt: '2026-03-03T09:00:00.000Z' } } as const;
      spec.given([registered, updated, rotated]).thenState((state) => {
        expect(state).toEqual({ status: 'enabled', ...updated.data });
      });
      spec.given([registered, updated, disabledOnRequest]).thenState((state) => {
        expect(state).toEqual({ status: 'disabled', ...updated.data });
      });
      spec.given([registered, disabledOnRequest, enabled]).thenState((state) => {
        expect(state.status).toBe('enabled');
      });
      spec.given([registered, disabledOnRequest, deleted]).thenState((state) => {
        expect(state).toEqual({ status: 'deleted', ...registered.data });
      });
    });
  });
});
