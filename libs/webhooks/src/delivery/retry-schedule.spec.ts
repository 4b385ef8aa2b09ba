import { nextAttemptAt, RETRY_DELAYS_MS, RETRY_WINDOW_MS, retryAfterMs } from './retry-schedule';

const start = new Date('2026-12-05T10:00:00Z');
const at = (ms: number) => new Date(start.getTime() + ms);
const middle = () => 0.5;

describe('the retry schedule of a failed delivery', () => {
  it('waits 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, then 10 h between attempts (without jitter)', () => {
    const delays = [1, 2, 3, 4, 5, 6, 7, 8].map((attempts) => {
      const next = nextAttemptAt({ firstAttemptAt: start, attempts, failedAt: start }, middle);
      return next === null ? null : next.getTime() - start.getTime();
    });
    expect(delays).toEqual([5_000, 60_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000]);
    expect(RETRY_DELAYS_MS).toHaveLength(7);
  });

  it('spreads each delay by at most 20 % either way', () => {
    const low = nextAttemptAt({ firstAttemptAt: start, attempts: 2, failedAt: start }, () => 0);
    const high = nextAttemptAt({ firstAttemptAt: start, attempts: 2, failedAt: start }, () => 0.999999);
    expect(low?.getTime()).toBe(start.getTime() + 48_000);
    expect(high!.getTime() - start.getTime()).toBeCloseTo(72_000, -1);
  });

  it('gives up when the next attempt would fall more than 3 days after the first', () => {
    const lastDay = at(RETRY_WINDOW_MS - 10 * 3_600_000);
    expect(nextAttemptAt({ firstAttemptAt: start, attempts: 12, failedAt: lastDay }, middle)).toEqual(at(RETRY_WINDOW_MS));
    expect(nextAttemptAt({ firstAttemptAt: start, attempts: 13, failedAt: at(RETRY_WINDOW_MS - 1_000) }, middle)).toBeNull();
  });

  it("never tries again before the receiver's Retry-After, but not sooner than the schedule either", () => {
    expect(nextAttemptAt({ firstAttemptAt: start, attempts: 1, failedAt: start, retryAfterMs: 120_000 }, middle)).toEqual(at(120_000));
    expect(nextAttemptAt({ firstAttemptAt: start, attempts: 1, failedAt: start, retryAfterMs: 1_000 }, middle)).toEqual(at(5_000));
    expect(nextAttemptAt({ firstAttemptAt: start, attempts: 1, failedAt: start, retryAfterMs: RETRY_WINDOW_MS + 1 }, middle)).toBeNull();
  });

  it('reads Retry-After as seconds or as an HTTP date, and ignores anything else', () => {
    expect(retryAfterMs('120', start)).toBe(120_000);
    expect(retryAfterMs('Sat, 05 Dec 2026 10:01:30 GMT', start)).toBe(90_000);
    expect(retryAfterMs('Sat, 05 Dec 2026 09:00:00 GMT', start)).toBe(0);
    expect(retryAfterMs('soon', start)).toBeNull();
    expect(retryAfterMs(undefined, start)).toBeNull();
  });
});
