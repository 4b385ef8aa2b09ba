import { randomUUID } from 'node:crypto';
import type { CommandContext } from './command-context';
import type { EventEnvelope } from './event-envelope';
import { uuidFromSeed } from './seeded-uuid';

/**
 * With an idempotency key, event ids are derived from (key, stream, index): a retried request
 * produces the same ids, which the store recognises and does not write twice.
 */
export function eventIdFor(context: CommandContext, streamId: string, index: number): string {
  if (context.idempotencyKey === null) return randomUUID();
  return uuidFromSeed(`${context.idempotencyKey}\u0000${streamId}\u0000${index}`);
}

/** The envelope of a command's events: its context's actor, time and correlation. */
export function commandEnvelope(context: CommandContext, streamId: string): EventEnvelope {
  return {
    occurredAt: context.occurredAt,
    actor: context.actor,
    correlationId: context.correlationId,
    causationId: context.causationId,
    eventId: (index) => eventIdFor(context, streamId, index),
  };
}

/**
 * An id the caller left out. Under an Idempotency-Key it is derived from the key, so that a retry
 * addresses the same partner, commission or invoice instead of creating a second one.
 */
export function generatedId(context: CommandContext, purpose: string): string {
  return context.idempotencyKey === null ? randomUUID() : uuidFromSeed(`${context.idempotencyKey}\u0000id\u0000${purpose}`);
}
