/**
 * A deterministic partner program for the benchmarks: teammates (50 managers and an admin) and,
 * per partner, a year of life (selected, assigned, onboarded, enabled, sometimes reassigned, leads,
 * commissions incl. repeat customers, payouts, reversals, invoices, MDF, tier changes, some
 * offboarded), each event decided by the real deciders of @partnerships/domain from the state its
 * history folds to, so the log holds exactly what the command side would write.
 *
 * The log is ordered by business time across partners (as a live program writes it), ties broken
 * by partner then by command order, and can be cut to an exact number of events: the cut keeps a
 * prefix of every stream, so every stream stays a valid history.
 */
import { createHash } from 'node:crypto';
import {
  EVENT_SCHEMA_VERSIONS,
  PARTNER_TYPES,
  fold,
  partnershipDecider,
  partnershipStreamId,
  teammateDecider,
  teammateStreamId,
  type PartnershipCommand,
  type PartnershipEvent,
  type PartnershipState,
  type TeammateRole,
  type TeammateSnapshot,
} from '@partnerships/domain';

/** 2025-01-01T00:00:00Z: the program's year. */
export const PROGRAM_YEAR_START = Date.UTC(2025, 0, 1);
export const PROGRAM_YEAR_END = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const HOUR = 3_600_000;

/** One event ready for the `events` table. `data` and `metadata` are JSON text (kept compact in memory). */
export interface GeneratedEvent {
  /** Business time (ms), the log order. */
  readonly time: number;
  /** Partner index (teammates: -1), for a stable order. */
  readonly owner: number;
  readonly seq: number;
  readonly streamId: string;
  version: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export interface ProgramOptions {
  readonly partners: number;
  readonly managers?: number;
  readonly seed?: number;
  /** Cut the log to this many events (the earliest in business time); default: every event. */
  readonly maxEvents?: number;
  readonly onProgress?: (partnersDone: number) => void;
}

export interface Program {
  readonly events: GeneratedEvent[];
  readonly managerIds: readonly string[];
  readonly partners: number;
  /** Commands the decider refused or answered with no event (the plan is built to avoid them). */
  readonly refusedCommands: number;
  readonly countsByType: Record<string, number>;
}

function splitmix32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * sfc32 seeded through splitmix32: the same sequence for the same seed on every platform, and
 * unrelated sequences for neighbouring seeds (one generator per partner).
 */
export function seededRandom(seed: number): () => number {
  const init = splitmix32(seed);
  let a = init();
  let b = init();
  let c = init();
  let d = init();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
  for (let i = 0; i < 12; i++) next();
  return next;
}

/** A version-5 layout UUID derived from a seed string: unique per seed, the same every run. */
export function uuidFromSeed(seed: string): string {
  const hex = createHash('sha1').update(seed).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function managerId(index: number): string {
  return `m${String(index + 1).padStart(2, '0')}`;
}

export function partnerId(index: number): string {
  return `p${String(index).padStart(6, '0')}`;
}

const ADMIN_ID = 'admin-1';
const TIERS = ['standard', 'silver', 'gold', 'platinum'];

interface PlannedCommand {
  readonly time: number;
  readonly actor: string;
  readonly command: PartnershipCommand;
}

type CommandOf<T extends PartnershipCommand['type']> = Extract<PartnershipCommand, { type: T }>;

function command<T extends PartnershipCommand['type']>(type: T, data: CommandOf<T>['data'], time: number): PartnershipCommand {
  return { type, data, metadata: { now: new Date(time) } } as unknown as PartnershipCommand;
}

function between(random: () => number, from: number, to: number): number {
  return Math.floor(from + random() * (to - from));
}

function metadataJson(time: number, actor: string, correlationId: string, type: string): string {
  // The shape apps/api writes (event-envelope.ts): business time, actor, correlation, causation, schema version.
  return JSON.stringify({
    occurredAt: new Date(time).toISOString(),
    actor,
    correlationId,
    causationId: null,
    schemaVersion: (EVENT_SCHEMA_VERSIONS as Record<string, number>)[type] ?? 1,
  });
}

/** The commands of one partner's year, in business-time order. */
function planPartner(index: number, random: () => number, managers: readonly TeammateSnapshot[]): PlannedCommand[] {
  const id = partnerId(index);
  const plan: PlannedCommand[] = [];
  const add = (time: number, actor: string, cmd: PartnershipCommand): void => {
    if (time < PROGRAM_YEAR_END) plan.push({ time, actor, command: cmd });
  };
  const size = 0.35 + random() * 1.3; // mean ~1: small and big partners
  const currency = random() < 0.85 ? 'USD' : 'EUR';
  const selectedAt = between(random, PROGRAM_YEAR_START, PROGRAM_YEAR_START + 220 * DAY);
  const type = PARTNER_TYPES[Math.floor(random() * PARTNER_TYPES.length)];
  const tier = TIERS[Math.floor(random() * random() * TIERS.length)];
  add(selectedAt, ADMIN_ID, command('SelectPartner', {
    partnerId: id,
    name: `Partner ${id} ${type === 'technology' ? 'Systems' : 'Group'}`,
    contactName: `Contact ${index}`,
    contactEmail: `contact-${index}@partner.example`,
    type,
    tier,
    reason: null,
  }, selectedAt));

  // Managers are not evenly loaded: the first ones carry more partners.
  const pickManager = () => managers[Math.floor(Math.pow(random(), 1.3) * managers.length)];
  let manager: TeammateSnapshot | null = null;
  if (random() < 0.97) {
    manager = pickManager();
    add(selectedAt + between(random, HOUR, 3 * DAY), ADMIN_ID, command('AssignManager', { partnerId: id, managerId: manager.teammateId, manager }, 0));
  }
  const actor = () => manager?.teammateId ?? ADMIN_ID;
  const onboardedAt = selectedAt + between(random, 3 * DAY, 20 * DAY);
  const enabledAt = onboardedAt + between(random, DAY, 15 * DAY);
  const onboards = random() < 0.96;
  const enables = onboards && random() < 0.94;
  if (onboards) add(onboardedAt, actor(), command('OnboardPartner', { partnerId: id, notes: 'agreement signed, training done' }, 0));
  if (enables) add(enabledAt, actor(), command('EnablePartner', { partnerId: id, notes: null }, 0));
  const activeFrom = enables ? enabledAt + HOUR : onboardedAt + HOUR;
  const activeUntil = PROGRAM_YEAR_END;

  // Reassignments (a manager can be changed, never removed).
  if (manager !== null) {
    const reassignments = random() < 0.15 ? (random() < 0.25 ? 2 : 1) : 0;
    for (let r = 0; r < reassignments; r++) {
      const next = pickManager();
      add(between(random, selectedAt + 5 * DAY, activeUntil), ADMIN_ID, command('AssignManager', { partnerId: id, managerId: next.teammateId, manager: next }, 0));
    }
  }
  if (random() < 0.1) {
    add(between(random, selectedAt + 30 * DAY, activeUntil), ADMIN_ID, command('ChangeTier', { partnerId: id, tier: TIERS[(TIERS.indexOf(tier) + 1) % TIERS.length] }, 0));
  }

  if (enables) {
    const span = activeUntil - activeFrom;
    const leads = Math.round(11 * size);
    const leadTimes: number[] = [];
    for (let l = 0; l < leads; l++) {
      const at = activeFrom + Math.floor(random() * span);
      leadTimes.push(at);
      add(at, id, command('ReferLead', {
        partnerId: id,
        leadId: `l${l}`,
        customerName: `Customer ${index}-${l}`,
        customerEmail: random() < 0.5 ? `buyer-${index}-${l}@customer.example` : null,
        estimatedValue: { amountMinor: between(random, 50, 500) * 10_000, currency },
      }, 0));
    }
    const commissions = Math.round(22 * size);
    const customers: string[] = [];
    for (let c = 0; c < commissions; c++) {
      const at = activeFrom + Math.floor(random() * span);
      // Customers buying again: a third of the sales go to a customer this partner sold to before.
      let customerId: string;
      if (customers.length > 0 && random() < 0.3) {
        customerId = customers[Math.floor(random() * customers.length)];
      } else {
        customerId = `cu${index}-${c}`;
        customers.push(customerId);
      }
      const linkedLead = leadTimes.findIndex((leadAt) => leadAt < at);
      const sale = between(random, 5, 200) * 10_000;
      const commissionId = `c${c}`;
      add(at, actor(), command('EarnCommission', {
        partnerId: id,
        commissionId,
        customerId,
        saleAmount: { amountMinor: sale, currency },
        commissionAmount: { amountMinor: Math.round(sale * (0.1 + random() * 0.1)), currency },
        leadId: linkedLead >= 0 && random() < 0.5 ? `l${linkedLead}` : null,
      }, 0));
      const fate = random();
      if (fate < 0.05) {
        add(at + between(random, DAY, 20 * DAY), ADMIN_ID, command('ReverseCommission', { partnerId: id, commissionId, reason: 'refunded by the customer' }, 0));
      } else if (fate < 0.88) {
        add(at + between(random, 10 * DAY, 45 * DAY), ADMIN_ID, command('PayOutCommission', { partnerId: id, commissionId }, 0));
      }
    }
    const invoices = Math.round(4 * size);
    for (let i = 0; i < invoices; i++) {
      const at = activeFrom + Math.floor(random() * span);
      const invoiceId = `inv${i}`;
      add(at, ADMIN_ID, command('IssueInvoice', {
        partnerId: id,
        invoiceId,
        amount: { amountMinor: between(random, 10, 300) * 10_000, currency },
        dueAt: new Date(at + 30 * DAY).toISOString(),
      }, 0));
      if (random() < 0.85) add(at + between(random, 5 * DAY, 45 * DAY), ADMIN_ID, command('SettleInvoice', { partnerId: id, invoiceId }, 0));
    }
    const mdfs = random() < 0.4 ? (random() < 0.3 ? 2 : 1) : 0;
    for (let m = 0; m < mdfs; m++) {
      const at = activeFrom + Math.floor(random() * span);
      const mdfId = `mdf${m}`;
      add(at, ADMIN_ID, command('PayOutMdf', { partnerId: id, mdfId, amount: { amountMinor: between(random, 100, 1000) * 1_000, currency }, purpose: 'co-marketing campaign' }, 0));
      if (random() < 0.7) add(at + between(random, 10 * DAY, 60 * DAY), id, command('RecordMdfDeliverable', { partnerId: id, mdfId, description: 'campaign report', url: null }, 0));
    }
  }

  plan.sort((a, b) => a.time - b.time);
  // Some partners leave: nothing after the offboarding, forced by the admin when obligations are open.
  const earliestOffboarding = plan.length > 2 ? plan[2].time + DAY : PROGRAM_YEAR_END;
  if (random() < 0.06 && earliestOffboarding < PROGRAM_YEAR_END) {
    const offboardAt = between(random, earliestOffboarding, PROGRAM_YEAR_END);
    const kept = plan.filter((planned) => planned.time < offboardAt);
    plan.length = 0;
    plan.push(...kept);
    plan.push({ time: offboardAt, actor: ADMIN_ID, command: command('OffboardPartner', { partnerId: id, reason: 'program exit', override: null, overrideBy: null }, 0) });
  }
  return plan;
}

const ADMIN: TeammateSnapshot = { teammateId: ADMIN_ID, role: 'admin', name: 'Program Admin', email: 'admin@company.example' };

/** Runs the planned commands through the partnership decider; returns the events with their command's time and actor. */
function livePartner(index: number, plan: readonly PlannedCommand[], seed: number, counts: Record<string, number>): { events: GeneratedEvent[]; refused: number } {
  const streamId = partnershipStreamId(partnerId(index));
  let state: PartnershipState = partnershipDecider.initialState();
  const events: GeneratedEvent[] = [];
  let refused = 0;
  let seq = 0;
  for (const planned of plan) {
    let cmd = { ...planned.command, metadata: { now: new Date(planned.time) } } as PartnershipCommand;
    let decided: PartnershipEvent[];
    try {
      decided = partnershipDecider.decide(cmd, state);
    } catch (error) {
      if (cmd.type === 'OffboardPartner') {
        // Open obligations: the admin forces it, the blockers are recorded in the event.
        cmd = { ...cmd, data: { ...cmd.data, override: { byTeammateId: ADMIN_ID, reason: 'partner left the program' }, overrideBy: ADMIN } };
        decided = partnershipDecider.decide(cmd, state);
      } else {
        void error;
        refused++;
        continue;
      }
    }
    if (decided.length === 0) {
      refused++;
      continue;
    }
    const correlationId = uuidFromSeed(`${seed}/${streamId}/command/${seq + 1}`);
    for (const event of decided) {
      seq++;
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      events.push({
        time: planned.time,
        owner: index,
        seq,
        streamId,
        version: seq,
        eventId: uuidFromSeed(`${seed}/${streamId}/${seq}`),
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: metadataJson(planned.time, planned.actor, correlationId, event.type),
      });
    }
    state = fold(partnershipDecider, decided, state);
  }
  return { events, refused };
}

function teammateEvents(managers: readonly TeammateSnapshot[], seed: number, counts: Record<string, number>): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  [ADMIN, ...managers].forEach((teammate, i) => {
    const time = PROGRAM_YEAR_START + i * 1000;
    const decided = teammateDecider.decide(
      { type: 'AddTeammate', data: { teammateId: teammate.teammateId, name: teammate.name, email: teammate.email, role: teammate.role as TeammateRole, actorRole: 'owner' }, metadata: { now: new Date(time) } },
      teammateDecider.initialState(),
    );
    for (const event of decided) {
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      events.push({
        time,
        owner: -1,
        seq: i,
        streamId: teammateStreamId(teammate.teammateId),
        version: 1,
        eventId: uuidFromSeed(`${seed}/${teammateStreamId(teammate.teammateId)}/1`),
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: metadataJson(time, 'system', uuidFromSeed(`${seed}/${teammateStreamId(teammate.teammateId)}/command/1`), event.type),
      });
    }
  });
  return events;
}

/** The whole program, in log order, cut to `maxEvents` when given. */
export function generateProgram(options: ProgramOptions): Program {
  const managerCount = options.managers ?? 50;
  const seed = options.seed ?? 20250101;
  const counts: Record<string, number> = {};
  const managers: TeammateSnapshot[] = Array.from({ length: managerCount }, (_, i) => ({
    teammateId: managerId(i),
    role: 'teammate',
    name: `Manager ${i + 1}`,
    email: `${managerId(i)}@company.example`,
  }));
  const events: GeneratedEvent[] = teammateEvents(managers, seed, counts);
  let refusedCommands = 0;
  for (let index = 0; index < options.partners; index++) {
    // One generator per partner: a partner's life does not depend on how many partners there are.
    const random = seededRandom((seed ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0);
    const { events: lived, refused } = livePartner(index, planPartner(index, random, managers), seed, counts);
    refusedCommands += refused;
    for (const event of lived) events.push(event);
    if ((index + 1) % 10_000 === 0) options.onProgress?.(index + 1);
  }
  events.sort((a, b) => a.time - b.time || a.owner - b.owner || a.seq - b.seq);
  if (options.maxEvents !== undefined && events.length > options.maxEvents) {
    // Dropping the latest events keeps a prefix of every stream (a stream's events are in time order).
    for (const dropped of events.splice(options.maxEvents)) counts[dropped.type] -= 1;
  }
  return { events, managerIds: managers.map((m) => m.teammateId), partners: options.partners, refusedCommands, countsByType: counts };
}
