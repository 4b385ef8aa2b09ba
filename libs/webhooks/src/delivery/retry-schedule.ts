/**
 * When a failed delivery is tried again: 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, then every 10 h,
 * each delay spread by ±20 % so that endpoints failing together do not retry together; for at
 * most 3 days after the first attempt, after which the endpoint is disabled.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5_000, 60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000];

export const RETRY_WINDOW_MS = 3 * 24 * 3_600_000;

const JITTER = 0.2;

export interface FailedAttempt {
  /** When this delivery was first attempted. */
  readonly firstAttemptAt: Date;
  /** Attempts made so far, this failed one included (1 after the first). */
  readonly attempts: number;
  readonly failedAt: Date;
  /** The receiver's Retry-After (429, 503), in ms from `failedAt`: no attempt before it. */
  readonly retryAfterMs?: number | null;
}

/** The next attempt's time, or null when it would fall past the retry window: give up. */
export function nextAttemptAt(failed: FailedAttempt, random: () => number = Math.random): Date | null {
  const scheduled = RETRY_DELAYS_MS[Math.min(failed.attempts, RETRY_DELAYS_MS.length) - 1];
  const jittered = scheduled * (1 - JITTER + 2 * JITTER * random());
  const delay = Math.max(jittered, failed.retryAfterMs ?? 0);
  const next = failed.failedAt.getTime() + delay;
  return next > failed.firstAttemptAt.getTime() + RETRY_WINDOW_MS ? null : new Date(next);
}

/**
 * A Retry-After header (seconds, or an HTTP date) as ms from `now`; null when absent or unreadable.
 */
export function retryAfterMs(header: string | null | undefined, now: Date): number | null {
  if (header === null || header === undefined || header.trim() === '') return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now.getTime());
}
