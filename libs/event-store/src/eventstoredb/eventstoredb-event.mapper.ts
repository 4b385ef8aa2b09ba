import { jsonEvent, type EventData, type JSONType, type ResolvedEvent } from '@eventstore/db-client';
import { eventMetadataOf, type NewEvent, type RecordedEvent } from '../event-store.port';
import { toLogPosition } from './eventstoredb-position';

/**
 * Metadata key of the append attempt that wrote an event, set on the last event of each append.
 * EventStoreDB answers an idempotent re-append exactly as a fresh one; reading this key back tells
 * them apart. It never leaves the adapter: `toRecordedEvent` drops it.
 */
export const APPEND_ID_KEY = '$appendId';

/**
 * Metadata key of the original store time of an imported event: the server sets `created` itself,
 * so an import carries the exported `recordedAt` here. `toRecordedEvent` answers it as
 * `recordedAt` and drops the key, as it drops the append id.
 */
export const RECORDED_AT_KEY = '$recordedAt';

export function toEventData(event: NewEvent, appendId: string | null, recordedAt: string | null = null): EventData {
  let metadata: Record<string, unknown> = event.metadata;
  if (appendId !== null) metadata = { ...metadata, [APPEND_ID_KEY]: appendId };
  if (recordedAt !== null) metadata = { ...metadata, [RECORDED_AT_KEY]: recordedAt };
  return jsonEvent({
    id: event.eventId,
    type: event.type,
    data: event.data as JSONType,
    metadata: metadata as JSONType,
  });
}

/** The append id an event was written with, or null (an event written by another client). */
export function appendIdOf(resolved: ResolvedEvent): string | null {
  const metadata = resolved.event?.metadata;
  if (!isPlainObject(metadata)) return null;
  const appendId = metadata[APPEND_ID_KEY];
  return typeof appendId === 'string' ? appendId : null;
}

export function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (event === undefined) {
    throw new Error('EventStoreDB returned a link without its event (links are not resolved by this adapter)');
  }
  const where = `event ${event.id} (stream ${event.streamId}, revision ${event.revision})`;
  if (event.position === undefined) {
    throw new Error(`EventStoreDB returned ${where} without its log position`);
  }
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new Error(`${where} does not hold a JSON object as data`);
  }
  if (!isPlainObject(event.metadata)) {
    throw new Error(`${where} does not hold a JSON object as metadata`);
  }
  const { [APPEND_ID_KEY]: _appendId, [RECORDED_AT_KEY]: importedRecordedAt, ...stored } = event.metadata;
  const metadata = eventMetadataOf(stored);
  if (metadata === null) {
    throw new Error(`${where} does not hold the envelope's metadata (occurredAt, actor, correlationId, causationId, schemaVersion)`);
  }
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamId: event.streamId,
    version: Number(event.revision) + 1,
    position: toLogPosition(event.position),
    recordedAt: typeof importedRecordedAt === 'string' ? importedRecordedAt : event.created.toISOString(),
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}
