import { CloudEvent, Kafka, ValidationError, type KafkaMessage } from 'cloudevents';
import type { IHeaders, KafkaMessage as ConsumedMessage } from 'kafkajs';
import { EVENT_SCHEMA_VERSIONS, isDomainEventType, type AnyDomainEvent } from '@partnerships/domain';
import { CE_HEADERS } from './cloud-event-headers';

/** One event as a consumer receives it from the topic: the CloudEvent's attributes, typed. */
export interface DeliveredEvent {
  /** `ce_id`: the event id, the same on every copy of a redelivered event. */
  readonly id: string;
  /** The domain event type, e.g. `PartnerSelected` (`ce_type` without its `partnerships.` prefix). */
  readonly type: string;
  /** `ce_subject`: the partner's (or teammate's) id, also the message key. */
  readonly subject: string;
  /** Business time (`ce_time`). */
  readonly time: string;
  readonly recordedTime: string;
  readonly dataSchema: string;
  readonly schemaVersion: number;
  /** The global log position, opaque. */
  readonly position: string;
  /** 1-based version of the event in its partner's (or teammate's) stream. */
  readonly streamVersion: number;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  /** Where it was read from. */
  readonly partition: number;
  readonly offset: string;
}

/** A message on the topic that is not one of our events: the consumer stops rather than guess. */
export class UndecodableMessageError extends Error {
  override readonly name = 'UndecodableMessageError';
  constructor(
    readonly partition: number,
    readonly offset: string,
    reason: string,
  ) {
    super(`Message at partition ${partition} offset ${offset} is not a partnerships CloudEvent: ${reason}`);
  }
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    const single = Array.isArray(value) ? value[0] : value;
    if (single !== undefined) text[name] = single.toString();
  }
  return text;
}

function required(event: CloudEvent<unknown>, attribute: string): string {
  // Extension attributes are own properties of the CloudEvent, not in its declared type.
  const value: unknown = Reflect.get(event, attribute);
  if (typeof value !== 'string' || value === '') {
    throw new ValidationError(`attribute ${attribute} is missing`);
  }
  return value;
}

const TYPE_PREFIX = 'partnerships.';
const SCHEMA_VERSION = /:(\d+)$/;

/** Reads a message with the `cloudevents` package (binary mode), validates it and types it. */
export function decodeDeliveredEvent(message: ConsumedMessage, partition: number): DeliveredEvent {
  const offset = message.offset;
  try {
    const kafkaMessage: KafkaMessage<string> = {
      key: message.key?.toString() ?? '',
      value: message.value?.toString() ?? '',
      headers: headerText(message.headers),
      body: undefined,
    };
    const cloudEvent = Kafka.toEvent(kafkaMessage) as CloudEvent<unknown>;
    cloudEvent.validate();
    const type = required(cloudEvent, 'type');
    if (!type.startsWith(TYPE_PREFIX)) {
      throw new ValidationError(`type ${type} is not a partnerships event type`);
    }
    const dataSchema = required(cloudEvent, 'dataschema');
    const version = SCHEMA_VERSION.exec(dataSchema);
    if (!version) throw new ValidationError(`dataschema ${dataSchema} carries no version`);
    const data = cloudEvent.data;
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      throw new ValidationError('the value is not a JSON object');
    }
    const causationId: unknown = Reflect.get(cloudEvent, CE_HEADERS.causationId.slice(3));
    return {
      id: cloudEvent.id,
      type: type.slice(TYPE_PREFIX.length),
      subject: required(cloudEvent, 'subject'),
      time: required(cloudEvent, 'time'),
      recordedTime: required(cloudEvent, 'recordedtime'),
      dataSchema,
      schemaVersion: Number(version[1]),
      position: required(cloudEvent, 'position'),
      streamVersion: Number(required(cloudEvent, 'streamversion')),
      actor: required(cloudEvent, 'actor'),
      correlationId: required(cloudEvent, 'correlationid'),
      causationId: typeof causationId === 'string' ? causationId : null,
      data: data as Record<string, unknown>,
      partition,
      offset,
    };
  } catch (error) {
    throw new UndecodableMessageError(partition, offset, error instanceof Error ? error.message : String(error));
  }
}

/** A delivered event of a type this code knows, its data typed by that type (see `isDomainDelivery`). */
export type DomainDelivery<E extends AnyDomainEvent = AnyDomainEvent> = E extends AnyDomainEvent
  ? Omit<DeliveredEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] }
  : never;

/**
 * Whether a delivered event is one of the domain's in the version this code reads, so a consumer
 * can switch on its type and read typed data. False for a type it does not know (a newer
 * producer's): consumers skip or count those. The producer checked the data against the schema
 * named by `ce_dataschema` before writing it.
 */
export function isDomainDelivery(event: DeliveredEvent): event is DomainDelivery {
  return isDomainEventType(event.type) && event.schemaVersion === EVENT_SCHEMA_VERSIONS[event.type];
}
