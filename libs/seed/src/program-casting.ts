import { sortedWorkingTimes } from './business-time';
import type { PartnerFate } from './partner-story';
import { SeededRandom } from '@partnerships/event-store';

/** Shares of the program by fate; the rest is enabled. */
const STALLED_SELECTED = 0.06;
const STALLED_ONBOARDED = 0.06;
const OFFBOARDED = 0.08;
const FORCED_OFFBOARDED = 0.02;
/** From this many partners on, every fate appears at least once. */
const EVERY_FATE_FROM = 10;
/** Stalled partners are recent joiners; partners who left joined early enough to have had a run. */
const RECENT_SHARE = 0.35;
const EARLY_SHARE = 0.7;

export interface ProgramCasting {
  /** Business times the partners join, ascending: partner 1 joined first. */
  readonly joinedAt: readonly number[];
  readonly fates: readonly PartnerFate[];
}

export function partnerIdOf(seed: number, index: number): string {
  return `s${seed}-p${String(index + 1).padStart(6, '0')}`;
}

/** Who joins when and how each one's year ends, for `partners` partners joining in [from, to). */
export function castProgram(seed: number, partners: number, from: number, to: number): ProgramCasting {
  const random = SeededRandom.derived(seed, 'casting');
  const joinedAt = sortedWorkingTimes(random, partners, from, to);
  const fates: PartnerFate[] = new Array<PartnerFate>(partners).fill('enabled');
  const count = (share: number) => (partners >= EVERY_FATE_FROM ? Math.max(1, Math.round(partners * share)) : Math.round(partners * share));

  const recent = random.shuffle(range(Math.floor(partners * (1 - RECENT_SHARE)), partners));
  const stalled: PartnerFate[] = [...repeat('selected', count(STALLED_SELECTED)), ...repeat('onboarded', count(STALLED_ONBOARDED))];
  stalled.slice(0, recent.length).forEach((fate, index) => (fates[recent[index]] = fate));

  const early = random.shuffle(range(0, Math.floor(partners * EARLY_SHARE)).filter((index) => fates[index] === 'enabled'));
  const leaving: PartnerFate[] = [...repeat('forced-offboarded', count(FORCED_OFFBOARDED)), ...repeat('offboarded', count(OFFBOARDED))];
  leaving.slice(0, early.length).forEach((fate, index) => (fates[early[index]] = fate));
  return { joinedAt, fates };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from) }, (_, index) => from + index);
}

function repeat(value: PartnerFate, times: number): PartnerFate[] {
  return new Array<PartnerFate>(times).fill(value);
}
