import { hash } from 'node:crypto';
import type { NewEvent } from '../event-store.port';
import { canonicalJson } from './canonical-json';

/** The metadata members the chain adds: they are outside what the hash covers. */
export const HASH_METADATA_KEY = 'hash';
export const PREVIOUS_HASH_METADATA_KEY = 'previousHash';

/** What an event's hash covers: everything the writer chose, nothing the store assigns. */
export interface HashableEvent {
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/** The last event of a stream as the chain sees it: its version and hash (null before the first event). */
export interface ChainTip {
  readonly version: number;
  readonly hash: string | null;
}

export const EMPTY_STREAM_TIP: ChainTip = { version: 0, hash: null };

/** One-shot `crypto.hash` (Node 20.12+): a third cheaper per event than a Hash object. */
function sha256(text: string): string {
  return hash('sha256', text, 'hex');
}

/**
 * SHA-256 (hex) of the canonical JSON of the event's stream, version, id, type, data, metadata
 * (without the chain's own members) and the previous event's hash. The stream and version are
 * inside, so an event cannot be moved, renumbered or dropped without breaking the next link;
 * the store's position and `recordedAt` are not, as the writer cannot know them.
 */
export function eventHash(event: HashableEvent, previousHash: string | null): string {
  const { [HASH_METADATA_KEY]: _hash, [PREVIOUS_HASH_METADATA_KEY]: _previous, ...metadata } = event.metadata;
  return sha256(
    canonicalJson({
      streamId: event.streamId,
      version: event.version,
      eventId: event.eventId,
      type: event.type,
      data: event.data,
      metadata,
      previousHash,
    }),
  );
}

/** The chain members an event's metadata carries, or null where they are missing or malformed. */
export function storedChainLink(metadata: Readonly<Record<string, unknown>>): { hash: string | null; previousHash: string | null } {
  const hash = metadata[HASH_METADATA_KEY];
  const previousHash = metadata[PREVIOUS_HASH_METADATA_KEY];
  return {
    hash: typeof hash === 'string' ? hash : null,
    previousHash: typeof previousHash === 'string' ? previousHash : null,
  };
}

/** The tip after a stored event: its stored hash. */
export function chainTipOf(event: { readonly version: number; readonly metadata: Readonly<Record<string, unknown>> }): ChainTip {
  return { version: event.version, hash: storedChainLink(event.metadata).hash };
}

/**
 * The events to append after `tip`, each with its hash and the hash before it in its metadata.
 * Appended with `tip.version` as the expected version, the store accepts them only where the
 * chain really continues from that tip.
 */
export function sealEvents(streamId: string, tip: ChainTip, events: readonly NewEvent[]): NewEvent[] {
  let previousHash = tip.hash;
  return events.map((event, index) => {
    const metadata = { ...event.metadata, [PREVIOUS_HASH_METADATA_KEY]: previousHash };
    const hash = eventHash({ ...event, streamId, version: tip.version + index + 1, metadata }, previousHash);
    previousHash = hash;
    return { ...event, metadata: { ...metadata, [HASH_METADATA_KEY]: hash } };
  });
}

/** The log hash after one more event: SHA-256 of the previous log hash and the event's hash. */
export function nextLogHash(logHash: string | null, eventHashValue: string): string {
  return sha256(`${logHash ?? ''}\n${eventHashValue}`);
}
