import type { RecordedEvent } from '@partnerships/event-store';
import {
  CE_HEADERS,
  CLOUD_EVENTS_SPEC_VERSION,
  cloudEventType,
  eventSchemaId,
  PARTNERSHIPS_EVENT_SOURCE,
} from './cloud-event-headers';

/** What the relay hands to the producer for one event (kafkajs' `Message`, header values as strings). */
export interface KafkaEventMessage {
  readonly key: string;
  readonly value: string;
  readonly headers: Record<string, string>;
}

/** `partnership-p1` → `p1`, `teammate-t1` → `t1`: the aggregate's own id, the message key and `ce_subject`. */
export function aggregateIdOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(dash + 1);
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
  const subject = aggregateIdOf(event.streamId);
  const { metadata } = event;
  const headers: Record<string, string> = {
    [CE_HEADERS.contentType]: 'application/json',
    [CE_HEADERS.specVersion]: CLOUD_EVENTS_SPEC_VERSION,
    [CE_HEADERS.id]: event.eventId,
    [CE_HEADERS.source]: PARTNERSHIPS_EVENT_SOURCE,
    [CE_HEADERS.type]: cloudEventType(event.type),
    [CE_HEADERS.subject]: subject,
    [CE_HEADERS.time]: metadata.occurredAt,
    [CE_HEADERS.dataSchema]: eventSchemaId(event.type, metadata.schemaVersion),
    [CE_HEADERS.position]: event.position,
    [CE_HEADERS.streamVersion]: String(event.version),
    [CE_HEADERS.recordedTime]: event.recordedAt,
    [CE_HEADERS.actor]: metadata.actor,
    [CE_HEADERS.correlationId]: metadata.correlationId,
  };
  if (metadata.causationId !== null && metadata.causationId !== undefined) {
    headers[CE_HEADERS.causationId] = metadata.causationId;
  }
  return { key: subject, value: JSON.stringify(event.data), headers };
}
