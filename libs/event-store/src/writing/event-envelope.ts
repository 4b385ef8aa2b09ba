import { EVENT_SCHEMA_VERSIONS, type AnyDomainEvent } from '@partnerships/domain';
import type { NewEvent } from '../event-store.port';

/** What every writer gives the events of one decision besides their data: who, when, why, which ids. */
export interface EventEnvelope {
  /** Business time of the decision. */
  readonly occurredAt: Date;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** The id of the decision's `index`-th event: random, or derived from an idempotency key or a seed. */
  eventId(index: number): string;
}

/**
 * The decided events as the store takes them: the one place that builds event metadata, so the
 * API, the seed and the benchmarks write the same shape (and every type its current schema version).
 */
export function envelopeEvents(decided: readonly AnyDomainEvent[], envelope: EventEnvelope): NewEvent[] {
  const occurredAt = envelope.occurredAt.toISOString();
  return decided.map((event, index) => ({
    eventId: envelope.eventId(index),
    type: event.type,
    data: event.data,
    metadata: {
      occurredAt,
      actor: envelope.actor,
      correlationId: envelope.correlationId,
      causationId: envelope.causationId,
      schemaVersion: EVENT_SCHEMA_VERSIONS[event.type],
    },
  }));
}
