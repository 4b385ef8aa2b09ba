import type { RecordedEvent } from '@partnerships/event-store';

/**
 * An instant already in the normalised form, on a day every month has: `toISOString` would print
 * it unchanged, so it is returned as it is (the common case, and a tenth of a rebuild's fold).
 */
const NORMALISED_INSTANT = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;

/** Business time of the event, normalised to an ISO instant with milliseconds. */
export function occurredAt(event: RecordedEvent): string {
  const value = event.metadata.occurredAt;
  if (typeof value === 'string' && NORMALISED_INSTANT.test(value)) {
    return value;
  }
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new Error(`${event.type} ${event.eventId} has no valid occurredAt`);
  }
  return new Date(time).toISOString();
}
