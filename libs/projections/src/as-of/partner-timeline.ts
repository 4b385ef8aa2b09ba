import type { RecordedEvent } from '@partnerships/event-store';
import { storedChainLink } from '@partnerships/event-store';

/** One event of a partner's history as an auditor reads it: envelope first, then the data. */
export interface TimelineEntry {
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  /** Business time, as recorded in the metadata. */
  readonly occurredAt: string;
  /** Store time. */
  readonly recordedAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly position: string;
  readonly data: Readonly<Record<string, unknown>>;
  /** The hash chain's link (null for events written before the chain, or not sealed). */
  readonly hash: string | null;
  readonly previousHash: string | null;
}

export function timelineEntry(event: RecordedEvent): TimelineEntry {
  const { hash, previousHash } = storedChainLink(event.metadata);
  return {
    version: event.version,
    eventId: event.eventId,
    type: event.type,
    occurredAt: event.metadata.occurredAt,
    recordedAt: event.recordedAt,
    actor: event.metadata.actor,
    correlationId: event.metadata.correlationId,
    causationId: event.metadata.causationId ?? null,
    position: event.position,
    data: event.data,
    hash,
    previousHash,
  };
}
