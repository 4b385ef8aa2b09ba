/**
 * Conversions between the EventStoreDB protocol double's in-memory records and the protobuf
 * messages generated inside `@eventstore/db-client` (the same wire format a real server speaks).
 */
import * as grpc from '@grpc/grpc-js';
import { StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { LogPosition, StoredEvent } from './in-memory-log';

export function streamNameOf(identifier: StreamIdentifier | undefined): string {
  return Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');
}

export function streamIdentifier(name: string): StreamIdentifier {
  return new StreamIdentifier().setStreamName(Buffer.from(name, 'utf8'));
}

/** Reads a UUID in either of its wire forms (string or two signed 64-bit halves). */
export function uuidToString(uuid: UUID | undefined): string {
  const structured = uuid?.getStructured();
  if (!structured) return uuid?.getString() ?? '';
  const bytes = Buffer.alloc(16);
  bytes.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  bytes.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = bytes.toString('hex');
  return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

export function uuidMessage(id: string, structured: boolean): UUID {
  if (!structured) return new UUID().setString(id);
  const bytes = Buffer.from(id.replace(/-/g, ''), 'hex');
  return new UUID().setStructured(
    new UUID.Structured()
      .setMostSignificantBits(bytes.readBigInt64BE(0).toString())
      .setLeastSignificantBits(bytes.readBigInt64BE(8).toString()),
  );
}

/** Each stored event's encoded `ReadResp`, per UUID form: tests read the same events many times. */
const encodedResponses = new WeakMap<StoredEvent, Map<boolean, Uint8Array>>();

/**
 * A `ReadResp` carrying one event, as reads and subscriptions send it. Encoded once per event: the
 * message handed to gRPC answers its cached bytes (the events are immutable), which keeps the
 * double's share of protobuf work small next to the client's.
 */
export function eventResponse(event: StoredEvent, structuredIds: boolean): ReadResp {
  let forms = encodedResponses.get(event);
  if (forms === undefined) {
    forms = new Map();
    encodedResponses.set(event, forms);
  }
  let bytes = forms.get(structuredIds);
  if (bytes === undefined) {
    bytes = buildEventResponse(event, structuredIds).serializeBinary();
    forms.set(structuredIds, bytes);
  }
  const encoded = bytes;
  const response = new ReadResp();
  response.serializeBinary = () => encoded;
  return response;
}

function buildEventResponse(event: StoredEvent, structuredIds: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent()
    .setId(uuidMessage(event.id, structuredIds))
    .setStreamIdentifier(streamIdentifier(event.streamName))
    .setStreamRevision(event.revision.toString())
    .setPreparePosition(event.position.prepare.toString())
    .setCommitPosition(event.position.commit.toString())
    .setData(event.data)
    .setCustomMetadata(event.customMetadata);
  recorded
    .getMetadataMap()
    .set('type', event.type)
    .set('content-type', event.contentType)
    .set('created', event.created.toString());
  const readEvent = new ReadResp.ReadEvent().setEvent(recorded).setCommitPosition(event.position.commit.toString());
  return new ReadResp().setEvent(readEvent);
}

export function checkpointResponse(position: LogPosition): ReadResp {
  return new ReadResp().setCheckpoint(
    new ReadResp.Checkpoint()
      .setCommitPosition(position.commit.toString())
      .setPreparePosition(position.prepare.toString()),
  );
}

/** A gRPC status a handler can end a call with. */
export function statusError(code: grpc.status, details: string, metadata?: Record<string, string>): grpc.ServiceError {
  const trailers = new grpc.Metadata();
  for (const [key, value] of Object.entries(metadata ?? {})) trailers.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata: trailers });
}

/** Resolves once a call whose last write returned false can take more, or is gone. */
export function drained(call: grpc.ServerWritableStream<unknown, ReadResp>): Promise<void> {
  const events = ['drain', 'close', 'finish', 'cancelled', 'error'];
  return new Promise((resolve) => {
    const done = (): void => {
      for (const event of events) call.off(event, done);
      resolve();
    };
    for (const event of events) call.once(event, done);
  });
}
