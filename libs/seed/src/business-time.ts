import type { SeededRandom } from '@partnerships/event-store';

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/**
 * An instant in [from, to): a weekday between 08:00 and 18:00 UTC when the range allows it, as
 * people record things at work; otherwise (a range of a few hours, a weekend) any instant in it.
 */
export function workingTimeBetween(random: SeededRandom, from: number, to: number): number {
  if (to <= from) return from;
  const raw = Math.floor(random.between(from, to));
  const day = new Date(raw);
  const weekday = day.getUTCDay();
  const backToFriday = weekday === 6 ? 1 : weekday === 0 ? 2 : 0;
  const atWork = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() - backToFriday, 8) + Math.floor(random.next() * 10 * HOUR_MS);
  return atWork >= from && atWork < to ? atWork : raw;
}

/** `count` working times in [from, to), in ascending order. */
export function sortedWorkingTimes(random: SeededRandom, count: number, from: number, to: number): number[] {
  const times: number[] = new Array(count);
  for (let index = 0; index < count; index++) times[index] = workingTimeBetween(random, from, to);
  return times.sort((a, b) => a - b);
}
