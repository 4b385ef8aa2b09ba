import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { DOMAIN_EVENT_TYPES, EVENT_SCHEMA_VERSIONS, isDomainEventType, type AnyDomainEvent, type DomainEventType } from '@partnerships/domain';
import type { RecordedEvent } from '../event-store.port';
import { EVENT_SCHEMAS } from './event-schemas';

/**
 * A recorded event of a type the domain knows, its data typed by that type: what projections, the
 * command runner and the relay read. Renaming a field in libs/domain fails to compile wherever it
 * is read.
 */
export type DecodedEvent<E extends AnyDomainEvent = AnyDomainEvent> = E extends AnyDomainEvent
  ? Omit<RecordedEvent, 'type' | 'data'> & { readonly type: E['type']; readonly data: E['data'] }
  : never;

/** A stored event this code cannot read as its type and version say: a defect upstream, never skipped silently. */
export class EventDecodingError extends Error {
  override readonly name = 'EventDecodingError';

  constructor(
    readonly event: Pick<RecordedEvent, 'eventId' | 'type' | 'position'>,
    reason: string,
  ) {
    super(`event ${event.eventId} (${event.type} at position ${event.position}) cannot be decoded: ${reason}`);
  }
}

const validators: ReadonlyMap<DomainEventType, ValidateFunction> = compileCurrentSchemas();

function compileCurrentSchemas(): Map<DomainEventType, ValidateFunction> {
  const ajv = new Ajv2020({ strict: true, allErrors: false });
  const compiled = new Map<DomainEventType, ValidateFunction>();
  for (const type of DOMAIN_EVENT_TYPES) {
    const schema = EVENT_SCHEMAS[type]?.[EVENT_SCHEMA_VERSIONS[type]];
    if (schema === undefined) throw new Error(`no JSON Schema for ${type} version ${EVENT_SCHEMA_VERSIONS[type]} in docs/events/schemas`);
    compiled.set(type, ajv.compile(schema));
  }
  return compiled;
}

/**
 * Whether a recorded event is one of the domain's, in a version this code reads. False for a
 * type the domain does not know (another application's, or a newer writer's): readers skip those,
 * as `evolve` does. Throws for a known type in a version this code cannot read.
 *
 * The data itself was checked against its schema when it was written (`assertMatchesSchema`, in
 * the one writer) and is covered by the hash chain since, so reading does not check it again:
 * that would cost about 3 µs an event, a third of a rebuild's budget.
 */
export function isDomainEvent(recorded: RecordedEvent): recorded is DecodedEvent {
  const { type } = recorded;
  if (!isDomainEventType(type)) return false;
  const version = recorded.metadata.schemaVersion;
  if (version !== EVENT_SCHEMA_VERSIONS[type]) {
    throw new EventDecodingError(recorded, `schema version ${String(version)} is not ${EVENT_SCHEMA_VERSIONS[type]}, the one this code reads`);
  }
  return true;
}

/** A decided event's data against its type's published schema: what the writer checks before sealing. */
export function assertMatchesSchema(event: Pick<RecordedEvent, 'eventId' | 'type' | 'data'>): void {
  if (!isDomainEventType(event.type)) throw new EventDecodingError({ ...event, position: 'not yet written' }, 'the domain has no such event type');
  const validate = validators.get(event.type) as ValidateFunction;
  if (!validate(event.data)) {
    const [first] = validate.errors ?? [];
    throw new EventDecodingError({ ...event, position: 'not yet written' }, `${first?.instancePath || 'data'} ${first?.message ?? 'does not match its schema'}`);
  }
}

/** The one decode at the store boundary: the domain's events of a page or a stream, typed; others left out. */
export function decodeEvents(recorded: readonly RecordedEvent[]): DecodedEvent[] {
  return recorded.filter(isDomainEvent);
}

/** One aggregate's events of a stream, typed as its decider takes them. */
export function decodeStream<E extends AnyDomainEvent>(recorded: readonly RecordedEvent[], owns: (event: AnyDomainEvent) => event is E): (DecodedEvent & E)[] {
  const events: (DecodedEvent & E)[] = [];
  for (const event of recorded) {
    if (isDomainEvent(event) && owns(event)) events.push(event);
  }
  return events;
}
