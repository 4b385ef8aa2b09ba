import type { RecordedEvent } from '@partnerships/event-store';
import { occurredAt } from './event-fields';

function recordedAt(occurred: unknown): RecordedEvent {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    type: 'PartnerOnboarded',
    data: {},
    metadata: { occurredAt: occurred } as RecordedEvent['metadata'],
    streamId: 'partnership-p1',
    version: 2,
    position: '7',
    recordedAt: '2026-01-01T00:00:00.000Z',
  };
}

describe('Business time of an event', () => {
  it('keeps an instant already normalised as it is', () => {
    expect(occurredAt(recordedAt('2026-03-28T23:59:59.999Z'))).toBe('2026-03-28T23:59:59.999Z');
  });

  it('normalises offsets, missing milliseconds and the last days of a month as a Date prints them', () => {
    expect(occurredAt(recordedAt('2026-03-31T01:00:00+02:00'))).toBe('2026-03-30T23:00:00.000Z');
    expect(occurredAt(recordedAt('2024-02-29T12:00:00.000Z'))).toBe('2024-02-29T12:00:00.000Z');
    expect(occurredAt(recordedAt('2026-02-30T12:00:00.000Z'))).toBe(new Date(Date.parse('2026-02-30T12:00:00.000Z')).toISOString());
  });

  it('refuses an event without a valid time, naming it', () => {
    expect(() => occurredAt(recordedAt('yesterday'))).toThrow('PartnerOnboarded 00000000-0000-4000-8000-000000000001 has no valid occurredAt');
    expect(() => occurredAt(recordedAt(undefined))).toThrow('has no valid occurredAt');
  });
});
