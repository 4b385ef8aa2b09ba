import { isPartnershipEvent } from '@partnerships/domain';
import type { RecordedEvent } from '../event-store.port';
import { assertMatchesSchema, decodeEvents, decodeStream, EventDecodingError, isDomainEvent } from './event-decoding';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function recorded(type: string, data: Record<string, unknown>, schemaVersion = 1): RecordedEvent {
  return {
    eventId: '00000000-0000-4000-8000-000000000001',
    streamId: 'partnership-acme',
    version: 1,
    position: '42',
    recordedAt: '2026-03-01T00:00:00.000Z',
    type,
    data,
    metadata: { occurredAt: '2026-03-01T00:00:00.000Z', actor: 'alice', correlationId: 'c', causationId: null, schemaVersion },
  };
}

const earned = recorded('CommissionEarned', {
  partnerId: 'acme',
  commissionId: 'c1',
  customerId: 'initech',
  saleAmount: usd(100_000),
  commissionAmount: usd(10_000),
  leadId: null,
});

describe('decoding recorded events', () => {
  it('types a known event by its type, so its data reads without casts', () => {
    const [event] = decodeEvents([earned]);
    if (event.type !== 'CommissionEarned') throw new Error('decoded as another type');
    expect(event.data.commissionAmount.amountMinor).toBe(10_000);
    expect(event.position).toBe('42');
  });

  it('does not compile a read of a field the event does not have', () => {
    const [event] = decodeEvents([earned]);
    if (event.type !== 'CommissionEarned') throw new Error('decoded as another type');
    // @ts-expect-error CommissionEarned has no managerId: renaming or removing a field breaks every reader.
    expect(event.data.managerId).toBeUndefined();
    // @ts-expect-error the type is a closed union of the domain's event types.
    expect(event.type === 'CommissionPayed').toBe(false);
  });

  it('leaves out types the domain does not know: another application, or a newer writer', () => {
    expect(isDomainEvent(recorded('WebinarBooked', {}))).toBe(false);
    expect(decodeEvents([recorded('WebinarBooked', {}), earned]).map((event) => event.type)).toEqual(['CommissionEarned']);
  });

  it('refuses a known type in a schema version this code does not read', () => {
    expect(() => isDomainEvent(recorded('CommissionEarned', {}, 7))).toThrow(EventDecodingError);
    expect(() => isDomainEvent(recorded('CommissionEarned', {}, 7))).toThrow('schema version 7 is not 1');
  });

  it('keeps only the aggregate’s own events of a stream', () => {
    const teammate = recorded('TeammateAdded', { teammateId: 'mia', name: 'Mia', email: 'mia@co.example', role: 'teammate' });
    expect(decodeStream([teammate, earned], isPartnershipEvent).map((event) => event.type)).toEqual(['CommissionEarned']);
  });
});

describe('checking an event against its published schema before it is written', () => {
  it('accepts what the deciders write', () => {
    expect(() => assertMatchesSchema(earned)).not.toThrow();
  });

  it.each([
    ['a missing field', { ...earned.data, leadId: undefined }],
    ['a float amount', { ...earned.data, commissionAmount: { amountMinor: 10.5, currency: 'USD' } }],
    ['a field the version does not define', { ...earned.data, managerId: 'mia' }],
  ])('refuses %s, naming the event', (_case, data) => {
    expect(() => assertMatchesSchema({ ...earned, data: JSON.parse(JSON.stringify(data)) })).toThrow(EventDecodingError);
  });

  it('refuses a type the domain does not have', () => {
    expect(() => assertMatchesSchema(recorded('WebinarBooked', {}))).toThrow('the domain has no such event type');
  });
});
