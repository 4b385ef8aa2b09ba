import type { RecordedEvent } from '@partnerships/event-store';

/** Business time of the event, normalised to an ISO instant with milliseconds. */
export function occurredAt(event: RecordedEvent): string {
  const value = event.metadata.occurredAt;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new Error(`${event.type} ${event.eventId} has no valid occurredAt`);
  }
  return new Date(time).toISOString();
}
