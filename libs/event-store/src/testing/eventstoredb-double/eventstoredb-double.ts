/**
 * EventStoreDB protocol double for tests: an in-process gRPC server, built on the service
 * definitions generated inside `@eventstore/db-client`, that answers the real `EventStoreDBClient`
 * over the real wire protocol (server features, append, batch append, read stream, read `$all`,
 * subscriptions to `$all` and to a stream) with EventStoreDB's documented semantics.
 *
 * It is NOT a database: everything lives in memory for the lifetime of the double, nothing is
 * persisted, and whatever it does not implement (see README.md) answers UNIMPLEMENTED or is ignored.
 * It lives under `testing/`, which the production build excludes.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { SubscriptionRegistry, type SubscriptionStart } from './catch-up-subscription';

export type { SubscriptionStart } from './catch-up-subscription';
import { InMemoryLog, type ProposedEvent } from './in-memory-log';
import { createServerFeaturesHandler } from './server-features.handler';
import { createAppendHandler, createBatchAppendHandler } from './streams-append.handler';
import { createReadHandler } from './streams-read.handler';

export interface EventStoreDbDoubleOptions {
  /** Advertise and serve Streams.BatchAppend (a real 21.10+ server does, and the client then prefers it). Default true. */
  readonly batchAppend?: boolean;
  /** System events ($-prefixed streams/types) written at start, as a real server writes $epoch-information, $settings, … Default true. */
  readonly systemEventsAtStart?: boolean;
}

export interface EventStoreDbDouble {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly connectionString: string;
  /** Ends every open subscription call from the server side, as a restart or a "consumer too slow" drop would. `'error'` ends the call with status UNAVAILABLE, `'end'` ends it cleanly. Returns how many were dropped. */
  dropSubscriptions(how?: 'error' | 'end'): number;
  /** Appends a system event (stream `$stats-127.0.0.1:2113`-like, type `$statsCollected`), to interleave foreign events with ours. */
  appendSystemEvent(): void;
  /** Number of subscription calls currently open (for tests that wait for a resubscribe). */
  openSubscriptions(): number;
  /** Where every subscription so far asked to start, oldest first (to see what a resubscribe resumed from). */
  subscriptionStarts(): readonly SubscriptionStart[];
  stop(): Promise<void>;
}

/** How long `stop()` lets calls finish before closing every connection. */
const SHUTDOWN_GRACE_MS = 200;
const STATS_STREAM = '$stats-127.0.0.1:2113';

export async function startEventStoreDbDouble(options: EventStoreDbDoubleOptions = {}): Promise<EventStoreDbDouble> {
  const batchAppend = options.batchAppend ?? true;
  const log = new InMemoryLog();
  const subscriptions = new SubscriptionRegistry(log);
  if (options.systemEventsAtStart ?? true) writeStartupSystemEvents(log);

  const server = new grpc.Server();
  server.addService(ServerFeaturesService, { getSupportedMethods: createServerFeaturesHandler({ batchAppend }) });
  server.addService(StreamsService, {
    read: createReadHandler(log, subscriptions),
    append: createAppendHandler(log),
    ...(batchAppend ? { batchAppend: createBatchAppendHandler(log) } : {}),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );

  let stopped: Promise<void> | undefined;
  return {
    connectionString: `esdb://127.0.0.1:${port}?tls=false`,
    dropSubscriptions: (how = 'error') => subscriptions.dropAll(how),
    appendSystemEvent: () => {
      log.append(STATS_STREAM, 'any', [systemEvent('$statsCollected', { 'proc-startTime': new Date().toISOString() })]);
    },
    openSubscriptions: () => subscriptions.size,
    subscriptionStarts: () => [...subscriptions.starts],
    stop: () => {
      stopped ??= new Promise<void>((resolve) => {
        subscriptions.dropAll('error');
        const force = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, SHUTDOWN_GRACE_MS);
        server.tryShutdown(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return stopped;
    },
  };
}

function writeStartupSystemEvents(log: InMemoryLog): void {
  log.append('$epoch-information', 'any', [systemEvent('$epoch-information', { epochNumber: 0, epochPosition: 0 })]);
  log.append('$settings', 'any', [systemEvent('$settings', { $userStreamAcl: { $r: '$all' }, $systemStreamAcl: { $r: '$admins' } })]);
  log.append(STATS_STREAM, 'any', [systemEvent('$statsCollected', { 'proc-startTime': new Date().toISOString() })]);
}

function systemEvent(type: string, data: unknown): ProposedEvent {
  return {
    id: randomUUID(),
    type,
    contentType: 'application/json',
    data: Buffer.from(JSON.stringify(data), 'utf8'),
    customMetadata: new Uint8Array(),
  };
}
