import type { RecordedEvent } from '@partnerships/event-store';

/** Readers of the fields the read models take from an event, refusing a missing or malformed one. */

export function requireString(event: RecordedEvent, field: string): string {
  const value = event.data[field];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`${event.type} ${event.eventId} has no ${field}`);
  }
  return value;
}

/** A money field: a safe-integer amount in minor units and a non-empty currency. */
export function requireMoney(event: RecordedEvent, field: string): { amountMinor: number; currency: string } {
  const value = event.data[field] as { amountMinor?: unknown; currency?: unknown } | null | undefined;
  const amountMinor = value?.amountMinor;
  const currency = value?.currency;
  if (typeof amountMinor !== 'number' || !Number.isSafeInteger(amountMinor) || typeof currency !== 'string' || currency === '') {
    throw new Error(`${event.type} ${event.eventId} has no valid ${field}`);
  }
  return { amountMinor, currency };
}

/** Business time of the event, normalised to an ISO instant with milliseconds. */
export function occurredAt(event: RecordedEvent): string {
  const value = event.metadata.occurredAt;
  const time = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(time)) {
    throw new Error(`${event.type} ${event.eventId} has no valid occurredAt`);
  }
  return new Date(time).toISOString();
}
