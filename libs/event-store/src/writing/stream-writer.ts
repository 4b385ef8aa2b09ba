import type { EventStore, ExpectedVersion, LogPosition, NewEvent } from '../event-store.port';
import { sealEvents, storedChainLink, type ChainTip } from '../hash-chain';
import { assertMatchesSchema } from '../reading/event-decoding';

/** Events sealed onto a stream's chain, with the expected version that keeps the chain from forking. */
export interface SealedAppend {
  readonly events: NewEvent[];
  readonly expectedVersion: ExpectedVersion;
  /** The stream's tip once these events are stored. */
  readonly tip: ChainTip;
}

/**
 * Seals `events` onto the chain after `tip`: each gets its hash and the previous one. Appended
 * with `tip.version` as the expected version, the store accepts them only where `tip` is still
 * the stream's last event, so concurrent writers cannot fork a chain. Bulk loaders that write
 * rows themselves (the benchmarks) take this; everyone else appends through `StreamWriter`.
 */
export function sealForAppend(streamId: string, tip: ChainTip, events: readonly NewEvent[]): SealedAppend {
  const sealed = sealEvents(streamId, tip, events);
  return {
    events: sealed,
    expectedVersion: tip.version === 0 ? 'no_stream' : tip.version,
    tip: sealed.length === 0 ? tip : { version: tip.version + sealed.length, hash: storedChainLink(sealed[sealed.length - 1].metadata).hash },
  };
}

export interface StreamWrite {
  readonly version: number;
  readonly position: LogPosition;
  /** The store already held these events (a retried request); nothing new was written. */
  readonly replayed: boolean;
  /** The stream's tip after the write, to continue the chain from. */
  readonly tip: ChainTip;
}

/**
 * The one way events reach a stream: sealed onto its hash chain and appended with the version
 * they follow. The API's command runner, the seed and `partnerctl` all write through it.
 */
export class StreamWriter {
  constructor(private readonly store: EventStore) {}

  async append(streamId: string, tip: ChainTip, events: readonly NewEvent[]): Promise<StreamWrite> {
    // What the catalog promises consumers is what gets written: a defect shows here, not downstream.
    for (const event of events) assertMatchesSchema(event);
    const sealed = sealForAppend(streamId, tip, events);
    const appended = await this.store.appendToStream(streamId, sealed.events, { expectedVersion: sealed.expectedVersion });
    return { version: appended.version, position: appended.position, replayed: appended.replayed, tip: sealed.tip };
  }
}
