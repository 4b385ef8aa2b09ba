import type { Position } from '@eventstore/db-client';
import type { LogPosition } from '../event-store.port';

const SHIFT = 64n;
const PART_MASK = (1n << SHIFT) - 1n;

/** The largest position this store can answer: both parts at their uint64 maximum. */
export const MAX_EVENTSTOREDB_LOG_POSITION: LogPosition = ((PART_MASK << SHIFT) | PART_MASK).toString();

/**
 * EventStoreDB orders `$all` by (commit, prepare), two uint64s. We carry the pair as one decimal,
 * `commit × 2^64 + prepare`: the same opaque, serialisable `LogPosition` the SQL store uses, and
 * `compareLogPositions` orders it exactly as the server orders the pair.
 */
export function toLogPosition(position: Position): LogPosition {
  if (position.commit < 0n || position.commit > PART_MASK || position.prepare < 0n || position.prepare > PART_MASK) {
    throw new RangeError(`EventStoreDB position out of range: ${position.commit}/${position.prepare}`);
  }
  return ((position.commit << SHIFT) | position.prepare).toString();
}

export function fromLogPosition(position: LogPosition): Position {
  const value = BigInt(position);
  if (value < 0n || value > BigInt(MAX_EVENTSTOREDB_LOG_POSITION)) {
    throw new RangeError(`Not an EventStoreDB log position: ${position}`);
  }
  return { commit: value >> SHIFT, prepare: value & PART_MASK };
}

/** Orders two server positions as `$all` does. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
