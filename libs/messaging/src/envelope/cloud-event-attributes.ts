import type { RecordedEvent } from '@partnerships/event-store';
import { CLOUD_EVENTS_SPEC_VERSION, cloudEventType, eventSchemaId, PARTNERSHIPS_EVENT_SOURCE } from './cloud-event-headers';

/** `partnership-p1` → `p1`, `teammate-t1` → `t1`: the aggregate's own id, the message key and `ce_subject`. */
export function aggregateIdOf(streamId: string): string {
  const dash = streamId.indexOf('-');
  return dash < 0 ? streamId : streamId.slice(dash + 1);
}

/**
 * The CloudEvents 1.0 context attributes of one recorded event (the spec's and our extensions),
 * by attribute name: the same on Kafka (as `ce_` headers, binary mode) and in a webhook's body
 * (as members, structured mode), so one description serves both (docs/events.md).
 */
export function cloudEventAttributes(event: RecordedEvent): Record<string, string> {
  const { metadata } = event;
  const attributes: Record<string, string> = {
    specversion: CLOUD_EVENTS_SPEC_VERSION,
    id: event.eventId,
    source: PARTNERSHIPS_EVENT_SOURCE,
    type: cloudEventType(event.type),
    subject: aggregateIdOf(event.streamId),
    time: metadata.occurredAt,
    dataschema: eventSchemaId(event.type, metadata.schemaVersion),
    position: event.position,
    streamversion: String(event.version),
    recordedtime: event.recordedAt,
    actor: metadata.actor,
    correlationid: metadata.correlationId,
  };
  if (metadata.causationId !== null && metadata.causationId !== undefined) {
    attributes.causationid = metadata.causationId;
  }
  return attributes;
}

/** One recorded event as a CloudEvents JSON document (structured content mode): what a webhook posts. */
export function toStructuredCloudEvent(event: RecordedEvent): string {
  return JSON.stringify({ ...cloudEventAttributes(event), datacontenttype: 'application/json', data: event.data });
}
