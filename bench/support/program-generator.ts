/**
 * The benchmarks' partner program: the seed's program (`planProgram` of @partnerships/seed, the
 * one generator of partner histories, decided by the real deciders, with the writer's envelope
 * and sealed on the hash chain), laid out as rows for a bulk load.
 *
 * The log is ordered by business time across partners (as a live program writes it), ties broken
 * by stream then by version, and can be cut to an exact number of events: the cut keeps a prefix
 * of every stream, so every stream stays a valid history with an intact chain.
 */
import type { NewEvent } from '@partnerships/event-store';
import { planProgram } from '@partnerships/seed';

/** The program's year: 2025. */
export const PROGRAM_YEAR_START = Date.UTC(2025, 0, 1);
export const PROGRAM_YEAR_END = Date.UTC(2026, 0, 1);
/** The seed's stories average about 21 events a partner; this many partners per event leaves room for a cut. */
const PARTNERS_PER_EVENT = 1 / 18;

/** One event ready for the `events` table. `data` and `metadata` are JSON text (kept compact in memory). */
export interface GeneratedEvent {
  /** Business time (ms), the log order. */
  readonly time: number;
  /** Stream index (teammates first), for a stable order. */
  readonly owner: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
}

export interface ProgramOptions {
  /** Default: enough partners for `maxEvents`. */
  readonly partners?: number;
  readonly seed?: number;
  /** Cut the log to this many events (the earliest in business time); default: every event. */
  readonly maxEvents?: number;
  readonly onProgress?: (partnersDone: number) => void;
}

export interface Program {
  readonly events: GeneratedEvent[];
  readonly managerIds: readonly string[];
  readonly partners: number;
  readonly countsByType: Record<string, number>;
}

/** Partners enough for a log of `events` events. */
export function partnersFor(events: number): number {
  return Math.max(20, Math.ceil(events * PARTNERS_PER_EVENT));
}

/** The whole program, in log order, cut to `maxEvents` when given. */
export function generateProgram(options: ProgramOptions): Program {
  const partners = options.partners ?? partnersFor(options.maxEvents ?? 1_000);
  const plan = planProgram(options.seed ?? 20250101, partners, new Date(PROGRAM_YEAR_END));
  const counts: Record<string, number> = {};
  const events: GeneratedEvent[] = [];
  const addRows = (owner: number, streamId: string, sealed: readonly NewEvent[]): void => {
    sealed.forEach((event, index) => {
      counts[event.type] = (counts[event.type] ?? 0) + 1;
      events.push({
        time: Date.parse(String(event.metadata.occurredAt)),
        owner,
        streamId,
        version: index + 1,
        eventId: event.eventId,
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata),
      });
    });
  };
  plan.team.streams.forEach((stream, index) => addRows(index, stream.streamId, stream.sealPending()));
  for (let index = 0; index < partners; index++) {
    const stream = plan.partner(index);
    addRows(plan.team.streams.length + index, stream.streamId, stream.sealPending());
    if ((index + 1) % 10_000 === 0) options.onProgress?.(index + 1);
  }
  events.sort((a, b) => a.time - b.time || a.owner - b.owner || a.version - b.version);
  if (options.maxEvents !== undefined && events.length > options.maxEvents) {
    // Dropping the latest events keeps a prefix of every stream (a stream's events are in time order).
    for (const dropped of events.splice(options.maxEvents)) counts[dropped.type] -= 1;
  }
  return { events, managerIds: plan.team.managers.map(({ manager }) => manager.teammateId), partners, countsByType: counts };
}
