/**
 * `Streams.Append` (client stream: one options message, then the proposed events) and
 * `Streams.BatchAppend` (bidirectional stream of batches keyed by correlation id, written when the
 * batch marked final arrives) of the EventStoreDB protocol double, both on the in-memory log.
 */
import * as grpc from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { AllStreamPosition, BadRequest, Empty, UUID, WrongExpectedVersion } from '@eventstore/db-client/generated/shared_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import { AppendReq, AppendResp, BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import type { AppendResult, ExpectedRevision, InMemoryLog, ProposedEvent } from './in-memory-log';
import { statusError, streamIdentifier, streamNameOf, uuidToString } from './grpc-messages';

const REQUIRED_METADATA = ['type', 'content-type'] as const;

/** What both proposed-message types (Append and BatchAppend) have in common. */
interface ProposedMessage {
  getId(): UUID | undefined;
  getMetadataMap(): { get(key: string): string | undefined };
  getData_asU8(): Uint8Array;
  getCustomMetadata_asU8(): Uint8Array;
}

class MissingMetadataError extends Error {}

function proposedEvent(message: ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const [type, contentType] = REQUIRED_METADATA.map((key) => metadata.get(key));
  if (type === undefined || contentType === undefined) throw new MissingMetadataError(REQUIRED_METADATA.join(','));
  return {
    id: uuidToString(message.getId()),
    type,
    contentType,
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

export function createAppendHandler(log: InMemoryLog): grpc.handleClientStreamingCall<AppendReq, AppendResp> {
  return (call, callback) => {
    let options: AppendReq.Options | undefined;
    const events: ProposedEvent[] = [];
    let missingMetadata: string | undefined;
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      const message = request.getProposedMessage();
      if (!message) return;
      try {
        events.push(proposedEvent(message));
      } catch (error) {
        if (!(error instanceof MissingMetadataError)) throw error;
        missingMetadata = error.message;
      }
    });
    call.on('end', () => {
      if (!options) return callback(statusError(grpc.status.INVALID_ARGUMENT, 'The first append message must carry options.'));
      if (missingMetadata !== undefined) {
        return callback(
          statusError(grpc.status.INVALID_ARGUMENT, 'Required metadata properties are missing.', {
            exception: 'missing-required-metadata-property',
            'required-metadata-properties': missingMetadata,
          }),
        );
      }
      const result = log.append(streamNameOf(options.getStreamIdentifier()), appendExpectation(options), events);
      callback(null, appendResponse(result));
    });
  };
}

export function createBatchAppendHandler(log: InMemoryLog): grpc.handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> {
  return (call) => {
    const batches = new Map<string, PendingBatch>();
    call.on('data', (request: BatchAppendReq) => {
      const correlationId = request.getCorrelationId() ?? new UUID();
      const key = uuidToString(correlationId);
      const batch = batches.get(key) ?? { events: [] };
      batch.options = request.getOptions() ?? batch.options;
      collect(batch, request.getProposedMessagesList());
      if (!request.getIsFinal()) {
        batches.set(key, batch);
        return;
      }
      batches.delete(key);
      call.write(batchAppendResponse(log, correlationId, batch));
    });
    call.on('end', () => call.end());
  };
}

interface PendingBatch {
  options?: BatchAppendReq.Options;
  readonly events: ProposedEvent[];
  missingMetadata?: string;
}

function collect(batch: PendingBatch, messages: readonly ProposedMessage[]): void {
  for (const message of messages) {
    try {
      batch.events.push(proposedEvent(message));
    } catch (error) {
      if (!(error instanceof MissingMetadataError)) throw error;
      batch.missingMetadata = error.message;
    }
  }
}

function batchAppendResponse(log: InMemoryLog, correlationId: UUID, batch: PendingBatch): BatchAppendResp {
  const response = new BatchAppendResp().setCorrelationId(correlationId);
  const { options } = batch;
  if (!options) return response.setError(badRequest('The first batch of an append must carry options.'));
  const streamName = streamNameOf(options.getStreamIdentifier());
  const expected = batchExpectation(options);
  response.setStreamIdentifier(streamIdentifier(streamName));
  if (typeof expected === 'number') response.setStreamPosition(expected.toString());
  else if (expected === 'no_stream') response.setNoStream(new GoogleEmpty());
  else if (expected === 'stream_exists') response.setStreamExists(new GoogleEmpty());
  else response.setAny(new GoogleEmpty());
  if (batch.missingMetadata !== undefined) {
    return response.setError(badRequest(`Required metadata properties are missing: ${batch.missingMetadata}.`));
  }
  return batchAppendResult(response, log.append(streamName, expected, batch.events));
}

function appendExpectation(options: AppendReq.Options): ExpectedRevision {
  if (options.hasRevision()) return Number(options.getRevision());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function batchExpectation(options: BatchAppendReq.Options): ExpectedRevision {
  if (options.hasStreamPosition()) return Number(options.getStreamPosition());
  if (options.hasNoStream()) return 'no_stream';
  if (options.hasStreamExists()) return 'stream_exists';
  return 'any';
}

function appendResponse(result: AppendResult): AppendResp {
  if (result.outcome === 'wrong_expected_version') {
    const failure = new AppendResp.WrongExpectedVersion();
    if (result.current === 'no_stream') failure.setCurrentNoStream(new Empty());
    else failure.setCurrentRevision(result.current.toString());
    const { expected } = result;
    if (typeof expected === 'number') failure.setExpectedRevision(expected.toString());
    else if (expected === 'no_stream') failure.setExpectedNoStream(new Empty());
    else if (expected === 'stream_exists') failure.setExpectedStreamExists(new Empty());
    else failure.setExpectedAny(new Empty());
    return new AppendResp().setWrongExpectedVersion(failure);
  }
  const success = new AppendResp.Success();
  if (result.revision < 0) success.setNoStream(new Empty());
  else success.setCurrentRevision(result.revision.toString());
  if (result.position) {
    success.setPosition(
      new AppendResp.Position()
        .setCommitPosition(result.position.commit.toString())
        .setPreparePosition(result.position.prepare.toString()),
    );
  } else success.setNoPosition(new Empty());
  return new AppendResp().setSuccess(success);
}

function batchAppendResult(response: BatchAppendResp, result: AppendResult): BatchAppendResp {
  if (result.outcome === 'wrong_expected_version') {
    const details = new WrongExpectedVersion();
    if (result.current === 'no_stream') details.setCurrentNoStream(new GoogleEmpty());
    else details.setCurrentStreamRevision(result.current.toString());
    const { expected } = result;
    if (typeof expected === 'number') details.setExpectedStreamPosition(expected.toString());
    else if (expected === 'no_stream') details.setExpectedNoStream(new GoogleEmpty());
    else if (expected === 'stream_exists') details.setExpectedStreamExists(new GoogleEmpty());
    else details.setExpectedAny(new GoogleEmpty());
    return response.setError(
      errorStatus(Code.FAILED_PRECONDITION, 'WrongExpectedVersion', details, 'event_store.client.WrongExpectedVersion'),
    );
  }
  const success = new BatchAppendResp.Success();
  if (result.revision < 0) success.setNoStream(new GoogleEmpty());
  else success.setCurrentRevision(result.revision.toString());
  if (result.position) {
    success.setPosition(
      new AllStreamPosition()
        .setCommitPosition(result.position.commit.toString())
        .setPreparePosition(result.position.prepare.toString()),
    );
  } else success.setNoPosition(new GoogleEmpty());
  return response.setSuccess(success);
}

function badRequest(message: string): Status {
  return errorStatus(Code.INVALID_ARGUMENT, message, new BadRequest().setMessage(message), 'event_store.client.BadRequest');
}

/** A google.rpc.Status whose details the client unpacks by type name. */
function errorStatus(code: Code, message: string, details: { serializeBinary(): Uint8Array }, typeName: string): Status {
  const packed = new Any();
  packed.pack(details.serializeBinary(), typeName);
  return new Status().setCode(code).setMessage(message).setDetails(packed);
}
