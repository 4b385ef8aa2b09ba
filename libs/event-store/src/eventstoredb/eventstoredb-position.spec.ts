import { compareLogPositions } from '../event-store.port';
import { comparePositions, fromLogPosition, MAX_EVENTSTOREDB_LOG_POSITION, toLogPosition } from './eventstoredb-position';

describe('EventStoreDB log positions', () => {
  const max = (1n << 64n) - 1n;
  const samples = [
    { commit: 0n, prepare: 0n },
    { commit: 0n, prepare: 1n },
    { commit: 1n, prepare: 0n },
    { commit: 4096n, prepare: 4000n },
    { commit: 4096n, prepare: 4096n },
    { commit: max, prepare: 0n },
    { commit: max, prepare: max },
  ];

  it('round-trips commit and prepare through one decimal string', () => {
    for (const position of samples) {
      const encoded = toLogPosition(position);
      expect(encoded).toMatch(/^(0|[1-9][0-9]*)$/);
      expect(fromLogPosition(encoded)).toEqual(position);
    }
    expect(toLogPosition({ commit: max, prepare: max })).toBe(MAX_EVENTSTOREDB_LOG_POSITION);
  });

  it('compares encoded positions exactly as the server orders (commit, prepare)', () => {
    for (const a of samples) {
      for (const b of samples) {
        expect(compareLogPositions(toLogPosition(a), toLogPosition(b))).toBe(comparePositions(a, b));
      }
    }
  });

  it('refuses parts outside uint64 and decimals beyond the largest position', () => {
    expect(() => toLogPosition({ commit: -1n, prepare: 0n })).toThrow(RangeError);
    expect(() => toLogPosition({ commit: 0n, prepare: max + 1n })).toThrow(RangeError);
    expect(() => fromLogPosition((BigInt(MAX_EVENTSTOREDB_LOG_POSITION) + 1n).toString())).toThrow(RangeError);
  });
});
