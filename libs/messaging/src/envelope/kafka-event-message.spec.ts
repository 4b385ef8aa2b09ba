import type { RecordedEvent } from '@partnerships/event-store';
import { Kafka } from 'cloudevents';
import type { KafkaMessage } from 'kafkajs';
import { decodeDeliveredEvent, UndecodableMessageError } from './delivered-event';
import { aggregateIdOf } from './cloud-event-attributes';
import { toKafkaEventMessage } from './kafka-event-message';

const recorded: RecordedEvent = {
  eventId: '0b8d7c1e-4a4f-4c53-9a53-6a0f1d1e2f30',
  type: 'CommissionEarned',
  streamId: 'partnership-acme-1',
  version: 7,
  position: '4398046511104',
  recordedAt: '2026-03-02T10:00:01.250Z',
  data: {
    partnerId: 'acme-1',
    commissionId: 'c-9',
    customerId: 'cust-3',
    saleAmount: { amountMinor: 120000, currency: 'EUR' },
    commissionAmount: { amountMinor: 12000, currency: 'EUR' },
    leadId: null,
  },
  metadata: {
    occurredAt: '2026-02-28T16:30:00.000Z',
    actor: 'teammate:t-1',
    correlationId: 'req-42',
    causationId: null,
    schemaVersion: 1,
  },
};

/** What kafkajs hands a consumer: key, value and header values as bytes. */
function asConsumed(message: ReturnType<typeof toKafkaEventMessage>, offset = '0'): KafkaMessage {
  return {
    key: Buffer.from(message.key),
    value: Buffer.from(message.value),
    headers: Object.fromEntries(Object.entries(message.headers).map(([name, value]) => [name, Buffer.from(value)])),
    offset,
    timestamp: '0',
    attributes: 0,
  };
}

describe('a recorded event as a CloudEvents Kafka message', () => {
  it('keys it by the partner and carries the data as the JSON value', () => {
    const message = toKafkaEventMessage(recorded);
    expect(message.key).toBe('acme-1');
    expect(JSON.parse(message.value)).toEqual(recorded.data);
  });

  it('is read back by the cloudevents package as a valid binary-mode event with our extensions', () => {
    const message = toKafkaEventMessage(recorded);
    const event = Kafka.toEvent({ ...message, body: undefined }) as unknown as Record<string, unknown> & { validate(): boolean };
    expect(event.validate()).toBe(true);
    expect(event).toMatchObject({
      specversion: '1.0',
      id: recorded.eventId,
      source: '/partnerships',
      type: 'partnerships.CommissionEarned',
      subject: 'acme-1',
      time: '2026-02-28T16:30:00.000Z',
      datacontenttype: 'application/json',
      dataschema: 'urn:partnerships:schema:CommissionEarned:1',
      position: '4398046511104',
      streamversion: '7',
      recordedtime: '2026-03-02T10:00:01.250Z',
      actor: 'teammate:t-1',
      correlationid: 'req-42',
      data: recorded.data,
    });
  });

  it('leaves out the causation header when the event has no cause', () => {
    expect(toKafkaEventMessage(recorded).headers).not.toHaveProperty('ce_causationid');
    const caused = toKafkaEventMessage({ ...recorded, metadata: { ...recorded.metadata, causationId: 'evt-1' } });
    expect(caused.headers.ce_causationid).toBe('evt-1');
  });

  it('is decoded for consumers into typed attributes', () => {
    expect(decodeDeliveredEvent(asConsumed(toKafkaEventMessage(recorded), '12'), 3)).toEqual({
      id: recorded.eventId,
      type: 'CommissionEarned',
      subject: 'acme-1',
      time: '2026-02-28T16:30:00.000Z',
      recordedTime: '2026-03-02T10:00:01.250Z',
      dataSchema: 'urn:partnerships:schema:CommissionEarned:1',
      schemaVersion: 1,
      position: '4398046511104',
      streamVersion: 7,
      actor: 'teammate:t-1',
      correlationId: 'req-42',
      causationId: null,
      data: recorded.data,
      partition: 3,
      offset: '12',
    });
  });

  it('refuses a message that is not one of our events, naming where it was', () => {
    const foreign = asConsumed({ key: 'x', value: '{}', headers: { 'content-type': 'application/json' } }, '99');
    expect(() => decodeDeliveredEvent(foreign, 2)).toThrow(UndecodableMessageError);
    expect(() => decodeDeliveredEvent(foreign, 2)).toThrow(/partition 2 offset 99/);
    const wrongType = toKafkaEventMessage(recorded);
    wrongType.headers.ce_type = 'com.example.Other';
    expect(() => decodeDeliveredEvent(asConsumed(wrongType), 0)).toThrow(/not a partnerships event type/);
  });

  it('takes the aggregate id from the stream name', () => {
    expect(aggregateIdOf('partnership-p-1')).toBe('p-1');
    expect(aggregateIdOf('teammate-t_9')).toBe('t_9');
  });
});
