import { TEAMMATE, teammateSnapshot, type TeammateCommand, type TeammateEvent, type TeammateRole, type TeammateSnapshot, type TeammateState } from '@partnerships/domain';
import { DAY_MS, HOUR_MS, workingTimeBetween } from './business-time';
import { DecidedStream } from './decided-stream';
import { personName } from './program-names';
import { SeededRandom } from '@partnerships/event-store';

export type TeammateStream = DecidedStream<TeammateCommand, TeammateEvent, TeammateState>;

export interface ProgramTeam {
  readonly streams: readonly TeammateStream[];
  readonly owner: TeammateSnapshot;
  /** May force an offboarding past its blockers. */
  readonly admins: readonly TeammateSnapshot[];
  /** Role `teammate` or higher: the partner managers, with how many partners each tends to get. */
  readonly managers: readonly { readonly manager: TeammateSnapshot; readonly weight: number }[];
}

/** One manager per this many partners, within the bounds below: a small program still has a few to compare. */
const PARTNERS_PER_MANAGER = 25;
const MIN_MANAGERS = 3;
const MAX_MANAGERS = 40;

export function managerCount(partners: number): number {
  return Math.min(MAX_MANAGERS, Math.max(MIN_MANAGERS, Math.round(partners / PARTNERS_PER_MANAGER)));
}

/** The team is added within this long of the program's start; partners join after it. */
export const TEAM_SETUP_MS = 7 * DAY_MS + HOUR_MS;

/** The stream of the owner: the generator's mark that a seed's program is in the store. */
export function ownerIdOf(seed: number): string {
  return `s${seed}-owner`;
}

/**
 * The people of the program, added in its first days: an owner, two admins, the partner managers
 * (role teammate) and a viewer from finance; one manager is promoted to admin half-way through.
 */
export function planTeam(seed: number, partners: number, from: number, to: number): ProgramTeam {
  const random = SeededRandom.derived(seed, 'team');
  const usedHandles = new Set<string>();
  const streams: TeammateStream[] = [];
  const add = (teammateId: string, role: TeammateRole): TeammateStream => {
    let person = personName(random);
    while (usedHandles.has(person.handle)) person = { name: person.name, handle: `${person.handle}${usedHandles.size}` };
    usedHandles.add(person.handle);
    const stream = new DecidedStream(TEAMMATE, teammateId, seed);
    const at = new Date(workingTimeBetween(random, from, from + TEAM_SETUP_MS - HOUR_MS));
    stream.run({ type: 'AddTeammate', data: { teammateId, name: person.name, email: `${person.handle}@company.example`, role, actorRole: 'owner' }, metadata: { now: at } });
    streams.push(stream);
    return stream;
  };
  const snapshot = (stream: TeammateStream): TeammateSnapshot => teammateSnapshot(stream.state) as TeammateSnapshot;

  const owner = add(ownerIdOf(seed), 'owner');
  const admins = [add(`s${seed}-admin-1`, 'admin'), add(`s${seed}-admin-2`, 'admin')];
  const managers = Array.from({ length: managerCount(partners) }, (_, index) =>
    add(`s${seed}-manager-${String(index + 1).padStart(2, '0')}`, 'teammate'),
  );
  add(`s${seed}-viewer-1`, 'viewer');
  // Still a manager after the promotion (admin ranks above teammate), so no assignment breaks.
  const promotedAt = new Date(workingTimeBetween(random, from + (to - from) / 2, from + (to - from) / 2 + 14 * DAY_MS));
  managers[0].run({ type: 'ChangeTeammateRole', data: { teammateId: snapshot(managers[0]).teammateId, role: 'admin', actorRole: 'owner' }, metadata: { now: promotedAt } });

  return {
    streams,
    owner: snapshot(owner),
    admins: admins.map(snapshot),
    // Uneven workloads, so that the performance chart has leaders and laggards.
    managers: managers.map((stream) => ({ manager: snapshot(stream), weight: random.between(0.5, 2) })),
  };
}
