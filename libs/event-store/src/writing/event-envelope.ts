import { randomUUID } from 'node:crypto';
import { EVENT_SCHEMA_VERSIONS } from '@partnerships/domain';
import type { NewEvent } from '../event-store.port';
import type { CommandContext } from './command-context';
import { uuidFromSeed } from './seeded-uuid';

interface DomainEvent {
  readonly type: string;
  readonly data: object;
}

/**
 * With an idempotency key, event ids are derived from (key, stream, index): a retried request
 * produces the same ids, which the store recognises and does not write twice.
 */
export function eventIdFor(context: CommandContext, streamId: string, index: number): string {
  if (context.idempotencyKey === null) return randomUUID();
  return uuidFromSeed(`${context.idempotencyKey}\u0000${streamId}\u0000${index}`);
}

export function toNewEvents(streamId: string, events: readonly DomainEvent[], context: CommandContext): NewEvent[] {
  return events.map((event, index) => ({
    eventId: eventIdFor(context, streamId, index),
    type: event.type,
    data: event.data as Record<string, unknown>,
    metadata: {
      occurredAt: context.occurredAt.toISOString(),
      actor: context.actor,
      correlationId: context.correlationId,
      causationId: context.causationId,
      schemaVersion: (EVENT_SCHEMA_VERSIONS as Record<string, number>)[event.type] ?? 1,
    },
  }));
}
