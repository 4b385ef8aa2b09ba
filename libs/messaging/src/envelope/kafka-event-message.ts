import type { RecordedEvent } from '@partnerships/event-store';
import { cloudEventAttributes } from './cloud-event-attributes';
import { CE_HEADERS } from './cloud-event-headers';

/** What the relay hands to the producer for one event (kafkajs' `Message`, header values as strings). */
export interface KafkaEventMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/**
 * One recorded event as a CloudEvents 1.0 Kafka message in binary content mode: the event's data
 * is the value, the attributes are `ce_` headers. Built directly rather than through a
 * `CloudEvent` object, which costs more than the send itself at relay rates; the codec spec
 * checks that the `cloudevents` package reads these messages back as valid events.
 * No Kafka timestamp is set: the broker's publish time keeps time-based retention meaningful
 * for history with old business times.
 */
export function toKafkaEventMessage(event: RecordedEvent): KafkaEventMessage {
  const attributes = cloudEventAttributes(event);
  const headers: Record<string, string> = { [CE_HEADERS.contentType]: 'application/json' };
  for (const name in attributes) headers[`ce_${name}`] = attributes[name];
  return { key: attributes.subject, value: JSON.stringify(event.data), headers };
}
