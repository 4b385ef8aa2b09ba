/**
 * The in-memory transaction log behind the EventStoreDB protocol double (a test stand-in, NOT a
 * database: nothing is persisted, nothing is bounded). It emulates what the client can observe of
 * EventStoreDB's log: byte-like log positions, per-stream revisions, expected-revision checks and
 * idempotent re-appends by event id.
 */

/** A place in the transaction log; `$all` is ordered by (commit, prepare). */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

export interface StoredEvent extends ProposedEvent {
  readonly streamName: string;
  /** 0-based revision of the event in its stream. */
  readonly revision: number;
  /** .NET ticks (100 ns) since the Unix epoch, taken at commit. */
  readonly created: bigint;
  readonly position: LogPosition;
}

/** A stream revision number, or one of EventStoreDB's special expectations. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** `revision` -1 means the stream does not exist (only for an empty append). */
export type AppendResult =
  | { readonly outcome: 'written' | 'idempotent'; readonly revision: number; readonly position: LogPosition | undefined }
  | { readonly outcome: 'wrong_expected_version'; readonly current: number | 'no_stream'; readonly expected: ExpectedRevision };

/** Bytes a record takes in the log besides its data and metadata, and the size of a commit record. */
const RECORD_OVERHEAD = 100n;
const COMMIT_RECORD_SIZE = 40n;
const TICKS_PER_MILLISECOND = 10_000n;

export function comparePositions(a: LogPosition, b: LogPosition): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

export class InMemoryLog {
  private readonly records: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly listeners = new Set<() => void>();
  private nextOffset = 0n;

  /** Number of events in `$all`. */
  get length(): number {
    return this.records.length;
  }

  /** The event at an index of `$all` (0 = oldest). */
  at(index: number): StoredEvent {
    const event = this.records[index];
    if (!event) throw new RangeError(`no event at index ${index} of $all`);
    return event;
  }

  stream(name: string): readonly StoredEvent[] | undefined {
    return this.streams.get(name);
  }

  /** Index in `$all` of the first event whose position is at or after (`inclusive`) / strictly after the given one. */
  indexFrom(position: LogPosition, inclusive: boolean): number {
    let low = 0;
    let high = this.records.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const order = comparePositions(this.at(middle).position, position);
      if (order < 0 || (order === 0 && !inclusive)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Calls `listener` after every write; returns the unregistration. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  append(streamName: string, expected: ExpectedRevision, events: readonly ProposedEvent[]): AppendResult {
    const stream = this.streams.get(streamName) ?? [];
    const current = stream.length - 1;
    const replayed = this.checkIdempotency(stream, expected, events);
    if (replayed) return replayed;
    if (!expectationHolds(expected, current)) {
      return { outcome: 'wrong_expected_version', current: current < 0 ? 'no_stream' : current, expected };
    }
    if (events.length === 0) return { outcome: 'written', revision: current, position: stream.at(-1)?.position };

    const prepares = events.map((event) => {
      const prepare = this.nextOffset;
      this.nextOffset += RECORD_OVERHEAD + BigInt(event.data.length + event.customMetadata.length);
      return prepare;
    });
    const commit = this.nextOffset;
    this.nextOffset += COMMIT_RECORD_SIZE;
    const created = BigInt(Date.now()) * TICKS_PER_MILLISECOND;
    const written = events.map(
      (event, index): StoredEvent => ({
        ...event,
        streamName,
        revision: current + 1 + index,
        created,
        position: { commit, prepare: prepares[index] ?? commit },
      }),
    );
    this.records.push(...written);
    this.streams.set(streamName, [...stream, ...written]);
    for (const listener of [...this.listeners]) listener();
    const last = written[written.length - 1];
    return { outcome: 'written', revision: last?.revision ?? current, position: last?.position };
  }

  /**
   * EventStoreDB's idempotency check. With an exact revision (or no_stream = -1) behind the stream's
   * head, the proposed ids must be the ids right after it; with any/stream_exists, the first proposed
   * id is looked up in the stream and the rest must follow it. All match: the append is answered
   * with the matched events and writes nothing. The first matches but not the rest ("corrupted
   * idempotency"): wrong expected version, as the real server answers. Otherwise: undefined (go on).
   */
  private checkIdempotency(
    stream: readonly StoredEvent[],
    expected: ExpectedRevision,
    events: readonly ProposedEvent[],
  ): AppendResult | undefined {
    const first = events[0];
    if (!first) return undefined;
    let start: number;
    if (expected === 'any' || expected === 'stream_exists') {
      start = stream.findIndex((event) => event.id === first.id);
      if (start < 0) return undefined;
    } else {
      start = (expected === 'no_stream' ? -1 : expected) + 1;
      if (start >= stream.length) return undefined;
    }
    const matched = events.every((event, index) => stream[start + index]?.id === event.id);
    const last = stream[start + events.length - 1];
    if (matched && last) return { outcome: 'idempotent', revision: last.revision, position: last.position };
    const current = stream.length - 1;
    return { outcome: 'wrong_expected_version', current: current < 0 ? 'no_stream' : current, expected };
  }
}

function expectationHolds(expected: ExpectedRevision, current: number): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return current === -1;
    case 'stream_exists':
      return current >= 0;
    default:
      return current === expected;
  }
}
