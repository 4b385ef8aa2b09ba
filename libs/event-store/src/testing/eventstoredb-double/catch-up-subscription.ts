/**
 * Catch-up subscriptions (`Streams.Read` with subscription options) of the EventStoreDB protocol
 * double, to `$all` (optionally filtered, with checkpoints) or to one stream: a confirmation, the
 * catch-up in `$all` order, `caught_up` once at the head, then every new event live. One cursor
 * over the append-only log serves both phases, so nothing is missed or repeated between them.
 */
import { randomUUID } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';
import type { InMemoryLog, StoredEvent } from './in-memory-log';
import { checkpointResponse, drained, eventResponse, statusError, streamNameOf } from './grpc-messages';
import { type EventFilter, filterFrom } from './subscription-filter';

/** Events searched between two yields to the event loop, so appends can land during a catch-up. */
const EVENTS_PER_TURN = 32;

type ReadCall = grpc.ServerWritableStream<ReadReq, ReadResp>;

export type DropMode = 'error' | 'end';

/** Where a subscription asked to start: a `$all` position, its start or end, or a single stream. */
export type SubscriptionStart = { readonly commit: bigint; readonly prepare: bigint } | 'start' | 'end' | 'stream';

/** The subscription calls currently open. */
export class SubscriptionRegistry {
  private readonly open = new Set<CatchUpSubscription>();
  /** Every subscription's requested start, oldest first. */
  readonly starts: SubscriptionStart[] = [];

  constructor(private readonly log: InMemoryLog) {}

  get size(): number {
    return this.open.size;
  }

  start(call: ReadCall, options: ReadReq.Options): void {
    this.starts.push(requestedStart(options));
    const subscription = new CatchUpSubscription(this.log, call, options, () => this.open.delete(subscription));
    this.open.add(subscription);
    subscription.start();
  }

  dropAll(how: DropMode): number {
    const dropped = [...this.open];
    for (const subscription of dropped) subscription.drop(how);
    return dropped.length;
  }
}

class CatchUpSubscription {
  private readonly structuredIds: boolean;
  private readonly filter: EventFilter | undefined;
  private readonly selects: (event: StoredEvent) => boolean;
  private cursor: number;
  private searchedSinceCheckpoint = 0;
  private checkpointedIndex = -1;
  private pumping = false;
  private caughtUp = false;
  private closed = false;
  private stopListening: () => void = () => undefined;

  constructor(
    private readonly log: InMemoryLog,
    private readonly call: ReadCall,
    options: ReadReq.Options,
    private readonly onClosed: () => void,
  ) {
    this.structuredIds = options.getUuidOption()?.hasStructured() ?? false;
    const stream = options.getStream();
    if (stream) {
      const name = streamNameOf(stream.getStreamIdentifier());
      const after = stream.hasRevision() ? Number(stream.getRevision()) : -1;
      this.filter = undefined;
      this.selects = (event) => event.streamName === name && event.revision > after;
      const next = log.stream(name)?.[after + 1];
      this.cursor = next && !stream.hasEnd() ? log.indexFrom(next.position, true) : log.length;
    } else {
      const all = options.getAll();
      const position = all?.getPosition();
      const filter = filterFrom(options);
      this.filter = filter;
      this.selects = (event) => filter?.matches(event) ?? true;
      this.cursor = all?.hasEnd()
        ? log.length
        : position
          ? log.indexFrom({ commit: BigInt(position.getCommitPosition()), prepare: BigInt(position.getPreparePosition()) }, false)
          : 0;
    }
  }

  start(): void {
    this.call.on('cancelled', () => this.close());
    this.send(new ReadResp().setConfirmation(new ReadResp.SubscriptionConfirmation().setSubscriptionId(randomUUID())));
    this.stopListening = this.log.onAppend(() => void this.pump());
    void this.pump();
  }

  drop(how: DropMode): void {
    if (this.closed) return;
    this.close();
    if (how === 'error') this.call.emit('error', statusError(grpc.status.UNAVAILABLE, 'Subscription dropped by the server.'));
    else this.call.end();
  }

  private close(): void {
    if (this.closed) return;
    this.closed = true;
    this.stopListening();
    this.onClosed();
  }

  /** Sends what lies between the cursor and the head of the log; the only writer of events. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (!this.closed) {
        if (this.cursor >= this.log.length) {
          if (!this.caughtUp) this.goLive();
          return;
        }
        const end = Math.min(this.log.length, this.cursor + EVENTS_PER_TURN);
        let writable = true;
        for (; this.cursor < end && !this.closed; this.cursor++) writable = this.search(this.cursor) && writable;
        await (writable ? new Promise<void>((resolve) => setImmediate(resolve)) : drained(this.call));
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Sends the event if it is selected, and a checkpoint when one is due; false when the call is full. */
  private search(index: number): boolean {
    const event = this.log.at(index);
    let writable = true;
    if (this.selects(event)) writable = this.send(eventResponse(event, this.structuredIds));
    if (this.filter && ++this.searchedSinceCheckpoint >= this.filter.checkpointInterval) {
      writable = this.checkpoint(index) && writable;
    }
    return writable;
  }

  /** At the head: a checkpoint at the last event of the log (unless just sent), then `caught_up`. */
  private goLive(): void {
    this.caughtUp = true;
    const last = this.cursor - 1;
    if (this.filter && last >= 0 && last !== this.checkpointedIndex) this.checkpoint(last);
    this.send(new ReadResp().setCaughtUp(new ReadResp.CaughtUp()));
  }

  private checkpoint(index: number): boolean {
    this.searchedSinceCheckpoint = 0;
    this.checkpointedIndex = index;
    return this.send(checkpointResponse(this.log.at(index).position));
  }

  private send(message: ReadResp): boolean {
    return this.closed ? true : this.call.write(message);
  }
}

function requestedStart(options: ReadReq.Options): SubscriptionStart {
  const all = options.getAll();
  if (all === undefined) return 'stream';
  if (all.hasStart()) return 'start';
  if (all.hasEnd()) return 'end';
  const position = all.getPosition();
  return { commit: BigInt(position?.getCommitPosition() ?? '0'), prepare: BigInt(position?.getPreparePosition() ?? '0') };
}
