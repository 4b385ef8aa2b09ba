/**
 * The Kafka headers of our CloudEvents 1.0 binary content mode: the spec's `ce_` attributes
 * (names as the `cloudevents` package reads them) and our extension attributes.
 */
export const CE_HEADERS = {
  contentType: 'content-type',
  specVersion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  subject: 'ce_subject',
  time: 'ce_time',
  dataSchema: 'ce_dataschema',
  position: 'ce_position',
  streamVersion: 'ce_streamversion',
  recordedTime: 'ce_recordedtime',
  actor: 'ce_actor',
  correlationId: 'ce_correlationid',
  causationId: 'ce_causationid',
} as const;

export const CLOUD_EVENTS_SPEC_VERSION = '1.0';

/** `ce_source` of every event: the partnerships system as a whole. */
export const PARTNERSHIPS_EVENT_SOURCE = '/partnerships';

/** `ce_type` of a domain event type, e.g. `partnerships.PartnerSelected`. */
export function cloudEventType(eventType: string): string {
  return `partnerships.${eventType}`;
}

/** `ce_dataschema`: the `$id` of the event's JSON Schema in docs/events/schemas, which carries its version. */
export function eventSchemaId(eventType: string, schemaVersion: number): string {
  return `urn:partnerships:schema:${eventType}:${schemaVersion}`;
}
