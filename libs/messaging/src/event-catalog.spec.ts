import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020, { type SchemaObject, type ValidateFunction } from 'ajv/dist/2020';
import fc from 'fast-check';
import {
  type AnyDomainEvent,
  type ApiKeyCommand,
  apiKeyDecider,
  type ApiKeyState,
  DOMAIN_EVENT_TYPES,
  DomainError,
  type DomainEventType,
  EVENT_SCHEMA_VERSIONS,
  type IssueApiKey,
  MAX_SECRET_OVERLAP_MS,
  type Money,
  PARTNER_TYPES,
  type PartnershipCommand,
  type PartnershipCommandType,
  partnershipDecider,
  type PartnershipState,
  TEAMMATE_ROLES,
  type TeammateCommand,
  teammateDecider,
  type TeammateRole,
  teammateSnapshot,
  type TeammateState,
  type WebhookCommand,
  webhookDecider,
  type WebhookState,
} from '@partnerships/domain';
import { type DomainEventData, partnershipCommand, type PartnershipCommandInput } from '@partnerships/domain/testing';

/*
 * The catalog in docs/ is the producer's contract for consumers of the Kafka topic. These checks
 * keep it honest: the schemas must accept every event the real deciders write (serialised as the
 * relay serialises it) and refuse what the domain never writes.
 */

const ROOT = join(__dirname, '..', '..', '..');
const SCHEMA_DIR = join(ROOT, 'docs', 'events', 'schemas');
const CATALOG_PATH = join(ROOT, 'docs', 'events.md');
const SCHEMA_FILE = /^([A-Za-z]+)\.v([1-9]\d*)\.json$/;

interface SchemaFile {
  readonly file: string;
  readonly type: string;
  readonly version: number;
  readonly schema: SchemaObject;
}

function schemaFiles(): SchemaFile[] {
  return readdirSync(SCHEMA_DIR).map((file) => {
    const match = SCHEMA_FILE.exec(file);
    if (match === null) {
      throw new Error(`${file} is not named <EventType>.v<version>.json`);
    }
    return {
      file,
      type: match[1],
      version: Number(match[2]),
      schema: JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')),
    };
  });
}

function schemaId(type: string, version: number): string {
  return `urn:partnerships:schema:${type}:${version}`;
}

/** Strict mode turns unknown keywords, ambiguous types and the like into compile errors. */
function compileCatalog(): Map<string, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  const validators = new Map<string, ValidateFunction>();
  for (const { type, version, schema } of schemaFiles()) {
    validators.set(schemaId(type, version), ajv.compile(schema));
  }
  return validators;
}

const validators = compileCatalog();

function validatorFor(type: string): ValidateFunction {
  const version = EVENT_SCHEMA_VERSIONS[type as DomainEventType];
  const validate = validators.get(schemaId(type, version));
  if (validate === undefined) {
    throw new Error(`no schema for ${type} version ${version}`);
  }
  return validate;
}

/** The data as a consumer receives it: the relay sends `JSON.stringify(event.data)`. */
function onTheWire(data: unknown): unknown {
  return JSON.parse(JSON.stringify(data));
}

function schemaErrors(type: string, data: unknown): string[] {
  const validate = validatorFor(type);
  return validate(onTheWire(data)) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const AT = new Date('2026-03-02T09:00:00.000Z');

/** Streams kept in memory and driven through the real deciders, as the command handler does it. */
class Program {
  private readonly partners = new Map<string, PartnershipState>();
  private readonly teammates = new Map<string, TeammateState>();
  private readonly apiKeys = new Map<string, ApiKeyState>();
  private readonly webhooks = new Map<string, WebhookState>();
  readonly written: AnyDomainEvent[] = [];
  refused = 0;

  teammate(teammateId: string) {
    return teammateSnapshot(this.teammates.get(teammateId) ?? teammateDecider.initialState());
  }

  /** The events written, or null when the domain refused the command. */
  partnership(command: PartnershipCommand): AnyDomainEvent[] | null {
    const id = command.data.partnerId;
    const state = this.partners.get(id) ?? partnershipDecider.initialState();
    const events = this.refusable(() => partnershipDecider.decide(command, state));
    if (events !== null) {
      this.partners.set(id, events.reduce(partnershipDecider.evolve, state));
      this.written.push(...events);
    }
    return events;
  }

  teammateCommand(command: TeammateCommand): AnyDomainEvent[] | null {
    const id = command.data.teammateId;
    const state = this.teammates.get(id) ?? teammateDecider.initialState();
    const events = this.refusable(() => teammateDecider.decide(command, state));
    if (events !== null) {
      this.teammates.set(id, events.reduce(teammateDecider.evolve, state));
      this.written.push(...events);
    }
    return events;
  }

  apiKey(command: ApiKeyCommand): AnyDomainEvent[] | null {
    const id = command.data.keyId;
    const state = this.apiKeys.get(id) ?? apiKeyDecider.initialState();
    const events = this.refusable(() => apiKeyDecider.decide(command, state));
    if (events !== null) {
      this.apiKeys.set(id, events.reduce(apiKeyDecider.evolve, state));
      this.written.push(...events);
    }
    return events;
  }

  webhook(command: WebhookCommand): AnyDomainEvent[] | null {
    const id = command.data.webhookId;
    const state = this.webhooks.get(id) ?? webhookDecider.initialState();
    const events = this.refusable(() => webhookDecider.decide(command, state));
    if (events !== null) {
      this.webhooks.set(id, events.reduce(webhookDecider.evolve, state));
      this.written.push(...events);
    }
    return events;
  }

  partnerStatus(partnerId: string) {
    const state = this.partners.get(partnerId);
    return state === undefined || state.status === 'none' ? null : state.status;
  }

  private refusable<E>(decide: () => E[]): E[] | null {
    try {
      return decide();
    } catch (error) {
      if (error instanceof DomainError) {
        this.refused += 1;
        return null;
      }
      throw error;
    }
  }
}

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });

/** Must write exactly one event of `type`: a refusal or a no-op would leave a variant untested. */
function expectWritten(events: AnyDomainEvent[] | null, type: DomainEventType): AnyDomainEvent {
  expect(events?.map((event) => event.type)).toEqual([type]);
  return (events as AnyDomainEvent[])[0];
}

/** A scripted program that writes every event type, and every optional and nullable variant of each. */
function scriptedProgram(): Program {
  const program = new Program();
  const addTeammate = (teammateId: string, role: TeammateRole) =>
    expectWritten(
      program.teammateCommand({
        type: 'AddTeammate',
        data: { teammateId, name: `Teammate ${teammateId}`, email: `${teammateId}@company.example`, role, actorRole: 'owner' },
        metadata: { now: AT },
      }),
      'TeammateAdded',
    );
  addTeammate('olga', 'owner');
  addTeammate('ann', 'admin');
  addTeammate('tom', 'teammate');
  addTeammate('vic', 'viewer');
  expectWritten(
    program.teammateCommand({ type: 'ChangeTeammateRole', data: { teammateId: 'vic', role: 'teammate', actorRole: 'owner' }, metadata: { now: AT } }),
    'TeammateRoleChanged',
  );
  addTeammate('rex', 'teammate');
  expectWritten(
    program.teammateCommand({ type: 'RemoveTeammate', data: { teammateId: 'rex', reason: 'Left the company', actorRole: 'admin' }, metadata: { now: AT } }),
    'TeammateRemoved',
  );

  const run = <T extends PartnershipCommandType>(type: T, data: PartnershipCommandInput<T>, expected: DomainEventType) =>
    expectWritten(program.partnership(partnershipCommand(type, data, AT)), expected);

  for (const partnerId of ['bare', 'full', 'forced']) {
    const full = partnerId !== 'bare';
    run(
      'SelectPartner',
      full
        ? { partnerId, name: 'Acme Ltd', contactName: 'Ada', contactEmail: 'ada@acme.example', type: 'reseller', tier: 'gold', reason: 'EMEA reach' }
        : { partnerId, name: 'Bare Co', contactEmail: 'info@bare.example', type: 'affiliate', contactName: '  ', reason: null },
      'PartnerSelected',
    );
    run('OnboardPartner', full ? { partnerId, notes: 'Agreement signed' } : { partnerId }, 'PartnerOnboarded');
    run('EnablePartner', full ? { partnerId, notes: 'Live' } : { partnerId, notes: '' }, 'PartnerEnabled');
  }

  run('AssignManager', { partnerId: 'full', managerId: 'tom', manager: program.teammate('tom') }, 'PartnerManagerReassigned');
  run('AssignManager', { partnerId: 'full', managerId: 'vic', manager: program.teammate('vic') }, 'PartnerManagerReassigned');
  run('ChangeTier', { partnerId: 'full', tier: 'tier-2' }, 'PartnerTierChanged');

  run('ReferLead', { partnerId: 'full', leadId: 'l-bare', customerName: 'Initech' }, 'LeadReferred');
  run(
    'ReferLead',
    { partnerId: 'full', leadId: 'l-full', customerName: 'Globex', customerEmail: 'buyer@globex.example', estimatedValue: usd(0) },
    'LeadReferred',
  );
  run(
    'EarnCommission',
    { partnerId: 'full', commissionId: 'c-lead', customerId: 'globex', saleAmount: usd(250_000), commissionAmount: usd(25_000), leadId: 'l-full' },
    'CommissionEarned',
  );
  run(
    'EarnCommission',
    { partnerId: 'full', commissionId: 'c-free', customerId: 'initech', saleAmount: { amountMinor: 0, currency: 'JPY' }, commissionAmount: { amountMinor: 1, currency: 'JPY' } },
    'CommissionEarned',
  );
  run('PayOutCommission', { partnerId: 'full', commissionId: 'c-lead' }, 'CommissionPaidOut');
  run('ReverseCommission', { partnerId: 'full', commissionId: 'c-free', reason: 'Refunded' }, 'CommissionReversed');
  run('IssueInvoice', { partnerId: 'full', invoiceId: 'i-date', amount: usd(5_000), dueAt: '2026-04-30' }, 'InvoiceIssued');
  run('IssueInvoice', { partnerId: 'full', invoiceId: 'i-time', amount: usd(5_000), dueAt: '2026-04-30T17:00+02:00' }, 'InvoiceIssued');
  run('IssueInvoice', { partnerId: 'full', invoiceId: 'i-none', amount: usd(5_000) }, 'InvoiceIssued');
  for (const invoiceId of ['i-date', 'i-time', 'i-none']) {
    run('SettleInvoice', { partnerId: 'full', invoiceId }, 'InvoiceSettled');
  }
  run('PayOutMdf', { partnerId: 'full', mdfId: 'm-url', amount: usd(20_000), purpose: 'Trade show' }, 'MdfPaidOut');
  run('PayOutMdf', { partnerId: 'full', mdfId: 'm-none', amount: usd(10_000), purpose: 'Webinar' }, 'MdfPaidOut');
  run('RecordMdfDeliverable', { partnerId: 'full', mdfId: 'm-url', description: 'Photos', url: 'https://files.example/m' }, 'MdfDeliverableReceived');
  run('RecordMdfDeliverable', { partnerId: 'full', mdfId: 'm-none', description: 'Recording' }, 'MdfDeliverableReceived');

  const key = (data: IssueApiKey['data']) =>
    expectWritten(program.apiKey({ type: 'IssueApiKey', data, metadata: { now: AT } }), 'ApiKeyIssued');
  key({ keyId: 'k-tom', name: 'CRM sync', holder: { kind: 'teammate', teammateId: 'tom', teammate: program.teammate('tom') }, actorRole: 'admin' });
  key({
    keyId: 'k-partner',
    name: 'Acme portal',
    expiresAt: '2027-01-01T00:00:00+01:00',
    holder: { kind: 'partner', partnerId: 'full', partnerStatus: program.partnerStatus('full') },
    actorRole: 'teammate',
  });
  expectWritten(
    program.apiKey({ type: 'RevokeApiKey', data: { keyId: 'k-tom', actorTeammateId: 'ann', actorRole: 'admin', holderRole: 'teammate' }, metadata: { now: AT } }),
    'ApiKeyRevoked',
  );
  expectWritten(
    program.apiKey({
      type: 'RevokeApiKey',
      data: { keyId: 'k-partner', reason: 'Portal retired', actorTeammateId: 'tom', actorRole: 'teammate', holderRole: null },
      metadata: { now: AT },
    }),
    'ApiKeyRevoked',
  );

  const hook = (command: WebhookCommand, expected: DomainEventType) => expectWritten(program.webhook(command), expected);
  hook({ type: 'RegisterWebhook', data: { webhookId: 'w-all', url: 'https://hooks.crm.example/partnerships', eventTypes: ['*'] }, metadata: { now: AT } }, 'WebhookRegistered');
  hook(
    {
      type: 'RegisterWebhook',
      data: { webhookId: 'w-some', url: 'http://finance.example/hooks', eventTypes: ['CommissionEarned', 'WebhookDeleted'], description: 'Finance ledger' },
      metadata: { now: AT },
    },
    'WebhookRegistered',
  );
  hook({ type: 'UpdateWebhook', data: { webhookId: 'w-all', description: 'CRM sync' }, metadata: { now: AT } }, 'WebhookUpdated');
  hook(
    { type: 'UpdateWebhook', data: { webhookId: 'w-some', url: 'https://finance.example/hooks/v2', eventTypes: ['*'], description: null }, metadata: { now: AT } },
    'WebhookUpdated',
  );
  hook({ type: 'UpdateWebhook', data: { webhookId: 'w-all', enabled: false, reason: 'Endpoint being migrated' }, metadata: { now: AT } }, 'WebhookDisabled');
  hook({ type: 'UpdateWebhook', data: { webhookId: 'w-all', enabled: true }, metadata: { now: AT } }, 'WebhookEnabled');
  hook({ type: 'UpdateWebhook', data: { webhookId: 'w-all', enabled: false }, metadata: { now: AT } }, 'WebhookDisabled');
  hook({ type: 'DisableFailingWebhook', data: { webhookId: 'w-some', reason: 'HTTP 503 after 8 attempts' }, metadata: { now: AT } }, 'WebhookDisabled');
  hook({ type: 'RotateWebhookSecret', data: { webhookId: 'w-some', overlapMs: 86_400_000 }, metadata: { now: AT } }, 'WebhookSecretRotated');
  hook({ type: 'RotateWebhookSecret', data: { webhookId: 'w-some', overlapMs: 0 }, metadata: { now: AT } }, 'WebhookSecretRotated');
  hook({ type: 'DeleteWebhook', data: { webhookId: 'w-all' }, metadata: { now: AT } }, 'WebhookDeleted');

  // Cleared, without an override, and with one that was not needed (the event then records none).
  run('OffboardPartner', { partnerId: 'bare', reason: 'Inactive', override: null, overrideBy: null }, 'PartnerOffboarded');
  run(
    'OffboardPartner',
    { partnerId: 'full', reason: 'Merged', override: { byTeammateId: 'ann', reason: 'Just in case' }, overrideBy: program.teammate('ann') },
    'PartnerOffboarded',
  );

  // Forced past one blocker of every kind, then cleaned up after offboarding.
  run(
    'EarnCommission',
    { partnerId: 'forced', commissionId: 'c-open', customerId: 'hooli', saleAmount: usd(1_000), commissionAmount: usd(100) },
    'CommissionEarned',
  );
  run('IssueInvoice', { partnerId: 'forced', invoiceId: 'i-open', amount: { amountMinor: 700, currency: 'EUR' } }, 'InvoiceIssued');
  run('PayOutMdf', { partnerId: 'forced', mdfId: 'm-open', amount: usd(300), purpose: 'Ads' }, 'MdfPaidOut');
  run(
    'OffboardPartner',
    { partnerId: 'forced', reason: 'Fraud', override: { byTeammateId: 'olga', reason: 'Written off' }, overrideBy: program.teammate('olga') },
    'PartnerOffboarded',
  );
  run('PayOutCommission', { partnerId: 'forced', commissionId: 'c-open' }, 'CommissionPaidOut');
  run('SettleInvoice', { partnerId: 'forced', invoiceId: 'i-open' }, 'InvoiceSettled');
  run('RecordMdfDeliverable', { partnerId: 'forced', mdfId: 'm-open', description: 'Report' }, 'MdfDeliverableReceived');

  return program;
}

const STEP_KINDS = [
  'AddTeammate',
  'ChangeTeammateRole',
  'RemoveTeammate',
  'IssueApiKey',
  'RevokeApiKey',
  'RegisterWebhook',
  'UpdateWebhook',
  'DisableFailingWebhook',
  'RotateWebhookSecret',
  'DeleteWebhook',
  'SelectPartner',
  'OnboardPartner',
  'EnablePartner',
  'OffboardPartner',
  'AssignManager',
  'ChangeTier',
  'ReferLead',
  'EarnCommission',
  'PayOutCommission',
  'ReverseCommission',
  'IssueInvoice',
  'SettleInvoice',
  'PayOutMdf',
  'RecordMdfDeliverable',
] as const;

const step = fc.record({
  // Offboarding is terminal, so it comes rarely enough for partners to live a while first.
  kind: fc.oneof(
    { arbitrary: fc.constantFrom(...STEP_KINDS.filter((kind) => kind !== 'OffboardPartner')), weight: 30 },
    { arbitrary: fc.constant('OffboardPartner' as const), weight: 1 },
  ),
  partner: fc.nat({ max: 2 }),
  teammate: fc.nat({ max: 3 }),
  item: fc.nat({ max: 3 }),
  given: fc.boolean(),
  amountMinor: fc.oneof(fc.constant(0), fc.nat({ max: 10_000_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
  currency: fc.constantFrom('USD', 'EUR', 'JPY'),
  role: fc.constantFrom(...TEAMMATE_ROLES),
  type: fc.constantFrom(...PARTNER_TYPES),
  tier: fc.constantFrom('standard', 'gold', 'tier_2'),
  text: fc.constantFrom('Renewal', '  padded  ', 'Ünïcödé ✓ 日本', '', ' '),
  dueAt: fc.constantFrom('2026-02-28', '2024-02-29T23:59:59.123456789Z', '2026-12-01T08:00-05:00', '2026-02-30'),
  url: fc.constantFrom('https://hooks.example/in', 'http://hooks.example/in', `https://hooks.example/${'x'.repeat(2_024)}`, 'ftp://hooks.example/in', ''),
  eventTypes: fc.constantFrom<readonly string[]>(['*'], ['CommissionEarned'], ['PartnerSelected', 'WebhookDeleted'], ['*', 'LeadReferred'], ['LeadReferred', 'LeadReferred'], ['Unknown'], []),
  overlapMs: fc.constantFrom(0, 3_600_000, MAX_SECRET_OVERLAP_MS, MAX_SECRET_OVERLAP_MS + 1, -1, 1.5),
});

type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A random command, valid or not: the domain decides what is written. */
function randomCommand(program: Program, s: Step): PartnershipCommand | TeammateCommand | ApiKeyCommand | WebhookCommand {
  const partnerId = `p${s.partner}`;
  const teammateId = `t${s.teammate}`;
  const webhookId = `w${s.item}`;
  const metadata = { now: AT };
  const amount = { amountMinor: s.amountMinor, currency: s.currency };
  const optional = <T>(value: T): T | undefined => (s.given ? value : undefined);
  switch (s.kind) {
    case 'AddTeammate':
      return { type: s.kind, data: { teammateId, name: s.text, email: `${teammateId}@company.example`, role: s.role, actorRole: 'owner' }, metadata };
    case 'ChangeTeammateRole':
      return { type: s.kind, data: { teammateId, role: s.role, actorRole: 'owner' }, metadata };
    case 'RemoveTeammate':
      return { type: s.kind, data: { teammateId, reason: optional(s.text), actorRole: s.role }, metadata };
    case 'IssueApiKey':
      return {
        type: s.kind,
        data: {
          keyId: `k${s.item}`,
          name: s.text,
          expiresAt: optional(s.dueAt),
          holder: s.given
            ? { kind: 'teammate', teammateId, teammate: program.teammate(teammateId) }
            : { kind: 'partner', partnerId, partnerStatus: program.partnerStatus(partnerId) },
          actorRole: s.role,
        },
        metadata,
      };
    case 'RevokeApiKey':
      return { type: s.kind, data: { keyId: `k${s.item}`, reason: optional(s.text), actorTeammateId: teammateId, actorRole: s.role, holderRole: null }, metadata };
    case 'RegisterWebhook':
      return { type: s.kind, data: { webhookId, url: s.url, eventTypes: s.eventTypes, description: optional(s.text) }, metadata };
    case 'UpdateWebhook':
      return {
        type: s.kind,
        data: {
          webhookId,
          url: s.partner === 0 ? s.url : undefined,
          eventTypes: s.partner === 1 ? s.eventTypes : undefined,
          description: s.teammate === 0 ? s.text : undefined,
          enabled: s.teammate === 1 ? true : s.teammate === 2 ? false : undefined,
          reason: optional(s.text),
        },
        metadata,
      };
    case 'DisableFailingWebhook':
      return { type: s.kind, data: { webhookId, reason: s.text }, metadata };
    case 'RotateWebhookSecret':
      return { type: s.kind, data: { webhookId, overlapMs: s.overlapMs }, metadata };
    case 'DeleteWebhook':
      return { type: s.kind, data: { webhookId }, metadata };
    case 'SelectPartner':
      return partnershipCommand(
        s.kind,
        {
          partnerId,
          name: `Partner ${s.partner}`,
          contactEmail: `contact@${partnerId}.example`,
          type: s.type,
          contactName: optional(s.text),
          tier: optional(s.tier),
          reason: optional(s.text),
        },
        AT,
      );
    case 'OnboardPartner':
    case 'EnablePartner':
      return partnershipCommand(s.kind, { partnerId, notes: optional(s.text) }, AT);
    case 'OffboardPartner': {
      const override = s.given ? { byTeammateId: teammateId, reason: s.text } : null;
      return partnershipCommand(s.kind, { partnerId, reason: `${s.text}offboarded`, override, overrideBy: override && program.teammate(teammateId) }, AT);
    }
    case 'AssignManager':
      return partnershipCommand(s.kind, { partnerId, managerId: teammateId, manager: program.teammate(teammateId) }, AT);
    case 'ChangeTier':
      return partnershipCommand(s.kind, { partnerId, tier: s.tier }, AT);
    case 'ReferLead':
      return partnershipCommand(
        s.kind,
        {
          partnerId,
          leadId: `l${s.item}`,
          customerName: 'Customer',
          customerEmail: optional(`buyer${s.item}@customer.example`),
          estimatedValue: optional(amount),
        },
        AT,
      );
    case 'EarnCommission':
      return partnershipCommand(
        s.kind,
        {
          partnerId,
          commissionId: `c${s.item}`,
          customerId: `customer${s.teammate}`,
          saleAmount: { ...amount, amountMinor: s.amountMinor * 10 },
          commissionAmount: amount,
          leadId: optional(`l${s.item}`),
        },
        AT,
      );
    case 'PayOutCommission':
      return partnershipCommand(s.kind, { partnerId, commissionId: `c${s.item}` }, AT);
    case 'ReverseCommission':
      return partnershipCommand(s.kind, { partnerId, commissionId: `c${s.item}`, reason: s.text }, AT);
    case 'IssueInvoice':
      return partnershipCommand(s.kind, { partnerId, invoiceId: `i${s.item}`, amount, dueAt: optional(s.dueAt) }, AT);
    case 'SettleInvoice':
      return partnershipCommand(s.kind, { partnerId, invoiceId: `i${s.item}` }, AT);
    case 'PayOutMdf':
      return partnershipCommand(s.kind, { partnerId, mdfId: `m${s.item}`, amount, purpose: s.text }, AT);
    case 'RecordMdfDeliverable':
      return partnershipCommand(s.kind, { partnerId, mdfId: `m${s.item}`, description: s.text, url: optional(`https://files.example/m${s.item}`) }, AT);
  }
}

function runSteps(steps: readonly Step[]): Program {
  const program = new Program();
  for (const s of steps) {
    const next = randomCommand(program, s);
    if (next.type === 'AddTeammate' || next.type === 'ChangeTeammateRole' || next.type === 'RemoveTeammate') {
      program.teammateCommand(next);
    } else if (next.type === 'IssueApiKey' || next.type === 'RevokeApiKey') {
      program.apiKey(next);
    } else if (
      next.type === 'RegisterWebhook' ||
      next.type === 'UpdateWebhook' ||
      next.type === 'DisableFailingWebhook' ||
      next.type === 'RotateWebhookSecret' ||
      next.type === 'DeleteWebhook'
    ) {
      program.webhook(next);
    } else {
      program.partnership(next);
    }
  }
  return program;
}

function dataOf<T extends DomainEventType>(events: readonly AnyDomainEvent[], type: T): DomainEventData<T>[] {
  return events.filter((event) => event.type === type).map((event) => event.data as DomainEventData<T>);
}

describe('event catalog for consumers of the Kafka topic', () => {
  let scripted: AnyDomainEvent[] = [];
  beforeAll(() => {
    scripted = scriptedProgram().written;
  });

  describe('the schema files', () => {
    it('include the current version of every domain event type, with a matching $id', () => {
      const files = schemaFiles();
      for (const type of DOMAIN_EVENT_TYPES) {
        const version = EVENT_SCHEMA_VERSIONS[type];
        const current = files.find((file) => file.type === type && file.version === version);
        expect({ type, $id: current?.schema.$id }).toEqual({ type, $id: schemaId(type, version) });
      }
    });

    it('name only known event types and versions, each with its own $id', () => {
      for (const { file, type, version, schema } of schemaFiles()) {
        expect({ file, known: (DOMAIN_EVENT_TYPES as readonly string[]).includes(type) }).toEqual({ file, known: true });
        expect({ file, beyondCurrent: version > EVENT_SCHEMA_VERSIONS[type as DomainEventType] }).toEqual({
          file,
          beyondCurrent: false,
        });
        expect({ file, $id: schema.$id }).toEqual({ file, $id: schemaId(type, version) });
      }
    });

    it('all follow JSON Schema draft 2020-12 and compile in strict mode', () => {
      const files = schemaFiles();
      expect(files.map(({ schema }) => schema.$schema)).toEqual(
        files.map(() => 'https://json-schema.org/draft/2020-12/schema'),
      );
      expect(validators.size).toBe(files.length);
    });

    it('accept their own examples', () => {
      for (const { type, version, schema } of schemaFiles()) {
        const validate = validators.get(schemaId(type, version)) as ValidateFunction;
        expect(schema.examples?.length).toBeGreaterThan(0);
        for (const example of schema.examples ?? []) {
          expect({ type, valid: validate(example), errors: validate.errors ?? null }).toEqual({
            type,
            valid: true,
            errors: null,
          });
        }
      }
    });
  });

  describe('docs/events.md', () => {
    const catalog = readFileSync(CATALOG_PATH, 'utf8');

    it('has a section for every event type that links its current schema', () => {
      for (const type of DOMAIN_EVENT_TYPES) {
        expect({ type, section: catalog.includes(`\n#### ${type}\n`) }).toEqual({ type, section: true });
        const link = `(events/schemas/${type}.v${EVENT_SCHEMA_VERSIONS[type]}.json)`;
        expect({ type, link: catalog.includes(link) }).toEqual({ type, link: true });
      }
    });

    it('links only schema files that exist', () => {
      const files = new Set(readdirSync(SCHEMA_DIR));
      const linked = [...catalog.matchAll(/\]\(events\/schemas\/([^)]+)\)/g)].map((match) => match[1]);
      expect(linked.length).toBeGreaterThanOrEqual(DOMAIN_EVENT_TYPES.length);
      expect(linked.filter((file) => !files.has(file))).toEqual([]);
    });
  });

  describe('events the deciders write', () => {
    it('cover every event type in the scripted program', () => {
      expect(new Set(scripted.map((event) => event.type))).toEqual(new Set(DOMAIN_EVENT_TYPES));
    });

    it('cover the nullable and optional variants in the scripted program', () => {
      const selected = dataOf(scripted, 'PartnerSelected');
      const offboarded = dataOf(scripted, 'PartnerOffboarded');
      const reassigned = dataOf(scripted, 'PartnerManagerReassigned');
      const leads = dataOf(scripted, 'LeadReferred');
      const invoices = dataOf(scripted, 'InvoiceIssued');
      const deliverables = dataOf(scripted, 'MdfDeliverableReceived');
      const commissions = dataOf(scripted, 'CommissionEarned');
      const variants = {
        selectedWithoutOptionals: selected.some((d) => d.contactName === null && d.reason === null && d.tier === 'standard'),
        selectedWithOptionals: selected.some((d) => d.contactName !== null && d.reason !== null && d.tier !== 'standard'),
        notesNull: dataOf(scripted, 'PartnerOnboarded').some((d) => d.notes === null),
        notesGiven: dataOf(scripted, 'PartnerEnabled').some((d) => d.notes !== null),
        offboardedCleared: offboarded.some((d) => d.clearance.cleared && d.override === null),
        offboardedForcedPastEveryBlockerKind: offboarded.some(
          (d) => d.override !== null && new Set(d.clearance.blockers.map((b) => b.kind)).size === 3,
        ),
        firstManager: reassigned.some((d) => d.previousManagerId === null),
        changedManager: reassigned.some((d) => d.previousManagerId !== null),
        leadWithoutOptionals: leads.some((d) => d.customerEmail === null && d.estimatedValue === null),
        leadWithOptionals: leads.some((d) => d.customerEmail !== null && d.estimatedValue !== null),
        commissionWithLead: commissions.some((d) => d.leadId !== null),
        commissionWithoutLead: commissions.some((d) => d.leadId === null),
        invoiceWithDate: invoices.some((d) => d.dueAt?.length === 10),
        invoiceWithDateTime: invoices.some((d) => d.dueAt?.includes('T')),
        invoiceWithoutDueDate: invoices.some((d) => d.dueAt === null),
        deliverableWithUrl: deliverables.some((d) => d.url !== null),
        deliverableWithoutUrl: deliverables.some((d) => d.url === null),
        teammateKey: dataOf(scripted, 'ApiKeyIssued').some((d) => d.teammateId !== null && d.partnerId === null && d.expiresAt === null),
        partnerKeyExpiring: dataOf(scripted, 'ApiKeyIssued').some((d) => d.partnerId !== null && d.expiresAt !== null),
        revokedWithReason: dataOf(scripted, 'ApiKeyRevoked').some((d) => d.reason !== null),
        revokedWithoutReason: dataOf(scripted, 'ApiKeyRevoked').some((d) => d.reason === null),
        webhookForEveryType: dataOf(scripted, 'WebhookRegistered').some((d) => d.eventTypes[0] === '*' && d.description === null),
        webhookForSomeTypes: dataOf(scripted, 'WebhookRegistered').some((d) => d.eventTypes[0] !== '*' && d.description !== null),
        webhookUpdatedWithDescription: dataOf(scripted, 'WebhookUpdated').some((d) => d.description !== null),
        webhookUpdatedWithoutDescription: dataOf(scripted, 'WebhookUpdated').some((d) => d.description === null),
        webhookDisabledOnRequestWithReason: dataOf(scripted, 'WebhookDisabled').some((d) => d.cause === 'requested' && d.reason !== null),
        webhookDisabledOnRequestWithoutReason: dataOf(scripted, 'WebhookDisabled').some((d) => d.cause === 'requested' && d.reason === null),
        webhookDisabledFailing: dataOf(scripted, 'WebhookDisabled').some((d) => d.cause === 'failing'),
      };
      expect(Object.entries(variants).filter(([, covered]) => !covered)).toEqual([]);
    });

    it('accepts every event the deciders write in the scripted program', () => {
      const failures = scripted
        .map((event) => ({ type: event.type, data: event.data, errors: schemaErrors(event.type, event.data) }))
        .filter((result) => result.errors.length > 0);
      expect(failures).toEqual([]);
    });

    it('sends data that survives JSON serialisation unchanged', () => {
      for (const event of scripted) {
        expect(onTheWire(event.data)).toStrictEqual({ ...event.data });
      }
    });

    it('accepts every event the deciders write for random command sequences', () => {
      const seen = new Set<string>();
      let written = 0;
      fc.assert(
        fc.property(fc.array(step, { minLength: 100, maxLength: 400, size: 'max' }), (steps) => {
          const program = runSteps(steps);
          for (const event of program.written) {
            seen.add(event.type);
            expect({ type: event.type, data: event.data, errors: schemaErrors(event.type, event.data) }).toEqual({
              type: event.type,
              data: event.data,
              errors: [],
            });
          }
          written += program.written.length;
        }),
        { numRuns: 150, seed: 20260302 },
      );
      expect(written).toBeGreaterThan(3_000);
      expect([...seen].sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
    });
  });

  describe('events the domain never writes', () => {
    const first = <T extends DomainEventType>(type: T) => dataOf(scripted, type)[0] as Record<string, unknown>;

    it('rejects an event missing a required field', () => {
      const { commissionAmount: _dropped, ...data } = first('CommissionEarned');
      expect(schemaErrors('CommissionEarned', data)).toContain(" must have required property 'commissionAmount'");
    });

    it('rejects an optional field left out instead of written as null', () => {
      const { previousManagerId: _dropped, ...data } = first('PartnerManagerReassigned');
      expect(schemaErrors('PartnerManagerReassigned', data)).not.toEqual([]);
    });

    it('rejects a field the version does not define', () => {
      expect(schemaErrors('PartnerSelected', { ...first('PartnerSelected'), website: 'https://acme.example' })).toContain(
        ' must NOT have additional properties',
      );
      expect(schemaErrors('InvoiceSettled', { ...first('InvoiceSettled'), amount: { ...usd(5_000), exponent: 2 } })).not.toEqual(
        [],
      );
    });

    it('rejects money that is a float, a string or in a malformed currency', () => {
      const data = first('CommissionPaidOut');
      expect(schemaErrors('CommissionPaidOut', { ...data, amount: { amountMinor: 100.5, currency: 'USD' } })).toContain(
        '/amount/amountMinor must be integer',
      );
      expect(schemaErrors('CommissionPaidOut', { ...data, amount: { amountMinor: '100', currency: 'USD' } })).not.toEqual([]);
      expect(schemaErrors('CommissionPaidOut', { ...data, amount: { amountMinor: 100, currency: 'usd' } })).not.toEqual([]);
    });

    it('rejects amounts the domain refuses: a zero commission, a negative sale', () => {
      const data = first('CommissionEarned');
      expect(schemaErrors('CommissionEarned', { ...data, commissionAmount: usd(0) })).not.toEqual([]);
      expect(schemaErrors('CommissionEarned', { ...data, saleAmount: usd(-1) })).not.toEqual([]);
    });

    it('rejects ids, enums and texts outside their rules', () => {
      expect(schemaErrors('PartnerSelected', { ...first('PartnerSelected'), partnerId: 'has space' })).not.toEqual([]);
      expect(schemaErrors('PartnerSelected', { ...first('PartnerSelected'), type: 'vendor' })).not.toEqual([]);
      expect(schemaErrors('PartnerSelected', { ...first('PartnerSelected'), name: '   ' })).not.toEqual([]);
      expect(schemaErrors('TeammateRoleChanged', { ...first('TeammateRoleChanged'), role: 'root' })).not.toEqual([]);
      expect(schemaErrors('InvoiceIssued', { ...first('InvoiceIssued'), dueAt: '30/04/2026' })).not.toEqual([]);
    });

    it('rejects webhook settings the domain refuses, and any secret', () => {
      const registered = first('WebhookRegistered');
      expect(schemaErrors('WebhookRegistered', registered)).toEqual([]);
      expect(schemaErrors('WebhookRegistered', { ...registered, eventTypes: [] })).not.toEqual([]);
      expect(schemaErrors('WebhookRegistered', { ...registered, eventTypes: ['*', 'LeadReferred'] })).not.toEqual([]);
      expect(schemaErrors('WebhookRegistered', { ...registered, eventTypes: ['LeadReferred', 'LeadReferred'] })).not.toEqual([]);
      expect(schemaErrors('WebhookRegistered', { ...registered, url: 'ftp://hooks.example/in' })).not.toEqual([]);
      expect(schemaErrors('WebhookRegistered', { ...registered, url: `https://hooks.example/${'x'.repeat(2_030)}` })).not.toEqual([]);
      expect(schemaErrors('WebhookRegistered', { ...registered, secret: 'whsec_abc' })).toContain(' must NOT have additional properties');
      expect(schemaErrors('WebhookSecretRotated', { ...first('WebhookSecretRotated'), secret: 'whsec_abc' })).not.toEqual([]);
      expect(schemaErrors('WebhookSecretRotated', { ...first('WebhookSecretRotated'), previousSecretExpiresAt: '2026-03-03' })).not.toEqual([]);
      expect(schemaErrors('WebhookDisabled', { ...first('WebhookDisabled'), cause: 'deleted' })).not.toEqual([]);
      expect(schemaErrors('WebhookDisabled', { webhookId: 'w-some', cause: 'failing', reason: null })).not.toEqual([]);
    });

    it('rejects an offboarding whose clearance and override disagree', () => {
      const cleared = dataOf(scripted, 'PartnerOffboarded').find((d) => d.clearance.cleared) as object;
      const forced = dataOf(scripted, 'PartnerOffboarded').find((d) => !d.clearance.cleared) as object;
      expect(schemaErrors('PartnerOffboarded', cleared)).toEqual([]);
      expect(schemaErrors('PartnerOffboarded', forced)).toEqual([]);
      expect(schemaErrors('PartnerOffboarded', { ...cleared, override: { byTeammateId: 'ann', reason: 'x' } })).not.toEqual([]);
      expect(schemaErrors('PartnerOffboarded', { ...forced, override: null })).not.toEqual([]);
      expect(
        schemaErrors('PartnerOffboarded', { ...forced, clearance: { cleared: false, blockers: [] } }),
      ).not.toEqual([]);
    });
  });
});
