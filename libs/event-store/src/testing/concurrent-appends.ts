import { ConcurrencyError } from '@partnerships/domain';
import type { AppendResult, EventStore, ExpectedVersion } from '../event-store.port';
import { SeededRandom } from '../writing/seeded-random';
import { newTestEvent, uniqueStreamId } from './event-store.contract';

export interface AppendAttempt {
  readonly streamId: string;
  readonly expectedVersion: ExpectedVersion;
  readonly eventIds: readonly string[];
  /** `performance.now()` when the call was made and when it settled. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly result: AppendResult | null;
  readonly error: unknown;
}

export interface ConcurrentAppendsRun {
  readonly streamIds: readonly string[];
  readonly attempts: readonly AppendAttempt[];
}

export interface ConcurrentAppendsOptions {
  readonly callers: number;
  readonly appendsPerCaller: number;
  readonly streams: number;
  /** Seeds the mix of streams and expected versions, so that a failing run can be replayed. */
  readonly seed: number;
}

/**
 * Many callers append at once to a few shared streams, each with the expected version a real
 * client would send: any, no stream, the version it last saw (from its own result or a conflict),
 * or a stale guess. Every attempt is recorded with its outcome and timing.
 */
export async function runConcurrentAppends(store: EventStore, options: ConcurrentAppendsOptions): Promise<ConcurrentAppendsRun> {
  const streamIds = Array.from({ length: options.streams }, () => uniqueStreamId('concurrent'));
  const random = new SeededRandom(options.seed);
  const next = (): number => random.next();
  const attempts: AppendAttempt[] = [];

  const caller = async () => {
    const lastSeen = new Map<string, number>();
    for (let i = 0; i < options.appendsPerCaller; i += 1) {
      const streamId = streamIds[Math.floor(next() * streamIds.length)];
      const expectedVersion = chooseExpectedVersion(next(), lastSeen.get(streamId) ?? 0, next);
      const events = Array.from({ length: 1 + Math.floor(next() * 3) }, () => newTestEvent());
      const startedAt = performance.now();
      let result: AppendResult | null = null;
      let error: unknown = null;
      try {
        result = await store.appendToStream(streamId, events, { expectedVersion });
        lastSeen.set(streamId, result.version);
      } catch (thrown) {
        error = thrown;
        if (thrown instanceof ConcurrencyError) {
          lastSeen.set(streamId, thrown.actual ?? 0);
        }
      }
      const eventIds = events.map((event) => event.eventId);
      attempts.push({ streamId, expectedVersion, eventIds, startedAt, endedAt: performance.now(), result, error });
    }
  };
  await Promise.all(Array.from({ length: options.callers }, caller));
  return { streamIds, attempts };
}

function chooseExpectedVersion(roll: number, lastSeen: number, next: () => number): ExpectedVersion {
  if (roll < 0.3) return 'any';
  if (roll < 0.4) return 'no_stream';
  if (roll < 0.8) return lastSeen;
  return Math.floor(next() * 8);
}

/**
 * Checks that each outcome is one that appending one at a time allows: each stream holds exactly
 * the events of its successful appends, at contiguous versions matching their results and
 * expected versions; a refused append wrote nothing and names a version that the stream really
 * had, and still had, while the call was running.
 */
export async function expectSequentialOutcomes(store: EventStore, run: ConcurrentAppendsRun): Promise<void> {
  for (const streamId of run.streamIds) {
    const attempts = run.attempts.filter((attempt) => attempt.streamId === streamId);
    const stored = await store.readStream(streamId);
    expect(stored.map((event) => event.version)).toEqual(stored.map((_, index) => index + 1));
    const storedById = new Map(stored.map((event) => [event.eventId, event]));

    const succeeded = attempts.filter((attempt) => attempt.result !== null);
    expect(succeeded.reduce((sum, attempt) => sum + attempt.eventIds.length, 0)).toBe(stored.length);
    const byFirstVersion = new Map<number, AppendAttempt>();
    for (const attempt of succeeded) {
      const result = attempt.result!;
      const versions = attempt.eventIds.map((id) => storedById.get(id)?.version);
      const first = result.version - attempt.eventIds.length + 1;
      expect({ replayed: result.replayed, versions }).toEqual({
        replayed: false,
        versions: attempt.eventIds.map((_, index) => first + index),
      });
      expect(storedById.get(attempt.eventIds[attempt.eventIds.length - 1])?.position).toBe(result.position);
      const expected = expectedCount(attempt.expectedVersion);
      if (expected >= 0) {
        expect(first).toBe(expected + 1);
      }
      byFirstVersion.set(first, attempt);
    }

    for (const attempt of attempts.filter((a) => a.result === null)) {
      expect(attempt.error).toBeInstanceOf(ConcurrencyError);
      const error = attempt.error as ConcurrencyError;
      expect(error.expected).toBe(attempt.expectedVersion);
      const actual = error.actual ?? 0;
      expect(actual).not.toBe(expectedCount(attempt.expectedVersion));
      expect(attempt.eventIds.filter((id) => storedById.has(id))).toEqual([]);
      // The stream reached `actual` before this call ended, and left it only after the call began.
      if (actual > 0) {
        const reached = succeeded.find((a) => a.result!.version === actual);
        expect(reached?.startedAt).toBeLessThan(attempt.endedAt);
      }
      const left = byFirstVersion.get(actual + 1);
      if (left !== undefined) {
        expect(left.endedAt).toBeGreaterThan(attempt.startedAt);
      }
    }
  }
}

function expectedCount(expectedVersion: ExpectedVersion): number {
  return expectedVersion === 'any' ? -1 : expectedVersion === 'no_stream' ? 0 : expectedVersion;
}
