/**
 * `ServerFeatures.GetSupportedMethods` of the EventStoreDB protocol double: the server version it
 * claims and the gRPC methods it serves (the client uses this to prefer BatchAppend over Append).
 */
import type * as grpc from '@grpc/grpc-js';
import type { Empty } from '@eventstore/db-client/generated/shared_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';

export const SERVER_VERSION = '24.10.0';
const STREAMS_SERVICE = 'event_store.client.streams.Streams';

export function createServerFeaturesHandler(options: {
  readonly batchAppend: boolean;
}): grpc.handleUnaryCall<Empty, SupportedMethods> {
  const methods = ['read', 'append', ...(options.batchAppend ? ['batchappend'] : [])];
  return (_call, callback) => {
    const supported = methods.map((method) => new SupportedMethod().setServiceName(STREAMS_SERVICE).setMethodName(method));
    callback(null, new SupportedMethods().setEventStoreServerVersion(SERVER_VERSION).setMethodsList(supported));
  };
}
