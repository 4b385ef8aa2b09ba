/**
 * `Streams.Read` of the EventStoreDB protocol double: finite reads of a stream (by revision) or of
 * `$all` (by log position, optionally filtered), forwards or backwards, with a count limit. Read
 * requests that carry subscription options are handed to the subscription registry.
 */
import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { InMemoryLog, StoredEvent } from './in-memory-log';
import type { SubscriptionRegistry } from './catch-up-subscription';
import { drained, eventResponse, statusError, streamIdentifier, streamNameOf } from './grpc-messages';
import { filterFrom } from './subscription-filter';

export function createReadHandler(
  log: InMemoryLog,
  subscriptions: SubscriptionRegistry,
): grpc.handleServerStreamingCall<ReadReq, ReadResp> {
  return (call) => {
    const options = call.request.getOptions();
    if (!options) {
      call.emit('error', statusError(grpc.status.INVALID_ARGUMENT, 'A read request must carry options.'));
      return;
    }
    if (options.hasSubscription()) return subscriptions.start(call, options);
    const structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    const stream = options.getStream();
    let messages: ReadResp[];
    if (stream && !log.stream(streamNameOf(stream.getStreamIdentifier()))) {
      const notFound = new ReadResp.StreamNotFound().setStreamIdentifier(streamIdentifier(streamNameOf(stream.getStreamIdentifier())));
      messages = [new ReadResp().setStreamNotFound(notFound)];
    } else {
      const events = stream ? readStream(log, options, stream) : readAll(log, options);
      messages = events.map((event) => eventResponse(event, structuredIds));
    }
    void sendAndEnd(call, messages);
  };
}

function readStream(log: InMemoryLog, options: ReadReq.Options, stream: ReadReq.Options.StreamOptions): StoredEvent[] {
  const events = log.stream(streamNameOf(stream.getStreamIdentifier())) ?? [];
  const count = Number(options.getCount());
  const revision = stream.hasRevision() ? Number(stream.getRevision()) : undefined;
  if (options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS) {
    const from = revision ?? (stream.hasEnd() ? events.length : 0);
    return events.slice(from, from + count);
  }
  const from = Math.min(revision ?? (stream.hasStart() ? 0 : events.length - 1), events.length - 1);
  return events.slice(Math.max(0, from - count + 1), from + 1).reverse();
}

/** Forwards from a position includes the event at it; backwards from a position starts strictly before it. */
function readAll(log: InMemoryLog, options: ReadReq.Options): StoredEvent[] {
  const all = options.getAll();
  const grpcPosition = all?.getPosition();
  const position = grpcPosition && {
    commit: BigInt(grpcPosition.getCommitPosition()),
    prepare: BigInt(grpcPosition.getPreparePosition()),
  };
  const forwards = options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS;
  const filter = filterFrom(options);
  const count = Number(options.getCount());
  let index: number;
  if (forwards) index = position ? log.indexFrom(position, true) : all?.hasEnd() ? log.length : 0;
  else index = position ? log.indexFrom(position, true) - 1 : all?.hasStart() ? -1 : log.length - 1;
  const events: StoredEvent[] = [];
  for (; index >= 0 && index < log.length && events.length < count; index += forwards ? 1 : -1) {
    const event = log.at(index);
    if (!filter || filter.matches(event)) events.push(event);
  }
  return events;
}

async function sendAndEnd(call: grpc.ServerWritableStream<ReadReq, ReadResp>, messages: readonly ReadResp[]): Promise<void> {
  for (const message of messages) {
    if (call.cancelled) return;
    if (!call.write(message)) await drained(call);
  }
  if (!call.cancelled) call.end();
}
