import type { Batch, Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { decodeDeliveredEvent, UndecodableMessageError, type DeliveredEvent } from '../envelope/delivered-event';
import type { ProcessedEventStore } from './processed-event-store';

export type ConsumerState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped' | 'failed';

export interface ConsumerStatus {
  readonly topic: string;
  readonly groupId: string;
  readonly state: ConsumerState;
  /** Events handed to the handler and committed since this consumer started. */
  readonly handled: number;
  /** Copies dropped because their `ce_id` was already processed (earlier, or earlier in the batch). */
  readonly duplicatesDropped: number;
  /** Failed batch attempts (each rolled back and retried). */
  readonly errors: number;
  /** The partition whose batch is being retried, with the most attempts, while any is. */
  readonly retrying?: {
    readonly partition: number;
    readonly offset: string;
    readonly attempts: number;
    readonly message: string;
  };
  /** Why the consumer stopped by itself (state `failed`). */
  readonly failure?: { readonly message: string; readonly partition?: number; readonly offset?: string };
}

export interface EventStreamConsumerOptions<Tx> {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  /** Dedup marks; the handler writes through the store's transaction. */
  readonly store: ProcessedEventStore<Tx>;
  /**
   * Handles one event inside the batch's transaction: write only through `tx`, and throw to
   * refuse (the whole batch rolls back and is retried). Called once per `ce_id`, in offset order
   * within a partition.
   */
  readonly handle: (event: DeliveredEvent, tx: Tx) => Promise<void>;
  /** Where a group without committed offsets starts: the topic's beginning (default) or its end. */
  readonly fromBeginning?: boolean;
  /** Key of the dedup marks; default the group id. */
  readonly consumerName?: string;
  /** Partitions handled at the same time (each in its own transaction); default 1. */
  readonly partitionsConsumedConcurrently?: number;
  /** Backoff of a failed batch: first delay, doubling up to the max. Defaults 100 ms, 5 s. */
  readonly retryDelayMs?: { readonly initial: number; readonly max: number };
  /**
   * Bytes fetched per partition, which bounds a batch and so a transaction (the broker still sends
   * at least one whole producer batch). Default kafkajs' 1 MiB.
   */
  readonly maxBytesPerPartition?: number;
  /** How long a fetch waits for new messages; bounds `stop()` when idle. Default 500 ms. */
  readonly maxWaitTimeMs?: number;
  /** Called once when the consumer stops by itself: an undecodable message, or a crash kafkajs gives up on. */
  readonly onFailure?: (error: Error) => void;
}

/** Heartbeats while a long batch is handled, well inside the default 30 s session. */
const HEARTBEAT_EVERY_MS = 3_000;

interface PartitionRetry {
  readonly offset: string;
  readonly attempts: number;
  readonly message: string;
}

/**
 * Consumes the event topic in a consumer group and hands each event to `handle` once.
 *
 * Per batch (one partition's messages, in offset order): decode; drop the copies whose `ce_id`
 * repeats earlier in the batch; in ONE store transaction mark the rest processed (the ids already
 * marked are duplicates: dropped) and handle the fresh ones in order; commit; only then resolve and
 * commit the Kafka offsets. A crash between the two commits redelivers the batch, which the marks
 * then drop.
 *
 * A failing batch (handler or store error) rolls back, its offsets stay uncommitted, and its
 * partition is paused for a backoff; on resume kafkajs fetches the same messages again.
 *
 * A message that is not one of our CloudEvents stops the consumer (state `failed`, `onFailure`):
 * the events before it in its batch are handled and committed, and the group's offset points at
 * it. Skipping it silently could hide a producer bug or lose an event; an operator decides
 * (fix the producer, or move the group's offset past it with kafka-consumer-groups.sh).
 */
export class EventStreamConsumer<Tx> {
  private readonly consumerName: string;
  private readonly retryDelayMs: { readonly initial: number; readonly max: number };
  private consumer: Consumer | null = null;
  private state: ConsumerState = 'idle';
  private handled = 0;
  private duplicatesDropped = 0;
  private errors = 0;
  private readonly retrying = new Map<number, PartitionRetry>();
  private readonly resumeTimers = new Set<NodeJS.Timeout>();
  private failure: ConsumerStatus['failure'];
  private stopping = false;
  private disconnecting: Promise<void> | null = null;

  constructor(private readonly options: EventStreamConsumerOptions<Tx>) {
    this.consumerName = options.consumerName ?? options.groupId;
    this.retryDelayMs = options.retryDelayMs ?? { initial: 100, max: 5_000 };
  }

  get topic(): string {
    return this.options.topic;
  }

  get groupId(): string {
    return this.options.groupId;
  }

  /** Prepares the store, joins the group and starts consuming; resolves once the group is joined. */
  async start(): Promise<void> {
    if (this.state !== 'idle') throw new Error('The consumer was already started; use a new one');
    this.state = 'starting';
    try {
      await this.options.store.prepare();
      const consumer = this.options.kafka.consumer({
        groupId: this.options.groupId,
        allowAutoTopicCreation: false,
        maxWaitTimeInMs: this.options.maxWaitTimeMs ?? 500,
        ...(this.options.maxBytesPerPartition !== undefined && { maxBytesPerPartition: this.options.maxBytesPerPartition }),
      });
      this.consumer = consumer;
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        // kafkajs restarts itself after a retriable crash; one it gives up on ends this consumer.
        if (!payload.restart && !this.stopping) this.fail(payload.error);
      });
      await consumer.connect();
      await consumer.subscribe({ topics: [this.options.topic], fromBeginning: this.options.fromBeginning ?? true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
        eachBatch: (payload) => this.onBatch(payload),
      });
      if (this.state === 'starting') this.state = 'running';
    } catch (error) {
      this.state = 'failed';
      this.failure = { message: messageOf(error) };
      await this.disconnect();
      throw error;
    }
  }

  /** Lets the batch in flight finish (handled, committed, offsets committed), leaves the group and disconnects. */
  async stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped') return;
    this.stopping = true;
    if (this.state !== 'failed') this.state = 'stopping';
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    await this.disconnect();
    if (this.state !== 'failed') this.state = 'stopped';
  }

  status(): ConsumerStatus {
    let retrying: ConsumerStatus['retrying'];
    for (const [partition, retry] of this.retrying) {
      if (retrying === undefined || retry.attempts > retrying.attempts) retrying = { partition, ...retry };
    }
    return {
      topic: this.topic,
      groupId: this.groupId,
      state: this.state,
      handled: this.handled,
      duplicatesDropped: this.duplicatesDropped,
      errors: this.errors,
      ...(retrying && { retrying }),
      ...(this.failure && { failure: { ...this.failure } }),
    };
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    // Not resolved: the messages stay uncommitted for whoever consumes the partition next.
    if (this.stopping || this.state === 'failed' || !payload.isRunning() || payload.isStale()) return;
    const { events, undecodable } = decodeBatch(batch);
    if (events.length > 0) {
      try {
        await this.handleInTransaction(events, payload);
      } catch (error) {
        this.retryLater(payload, events[0].offset, error);
        return;
      }
      this.retrying.delete(batch.partition);
      const last = events[events.length - 1].offset;
      payload.resolveOffset(last);
      // The offset to read next: the undecodable message, or past the batch (and any control records after it).
      const next = undecodable ? undecodable.offset : (BigInt(batch.lastOffset()) + 1n).toString();
      await payload.commitOffsetsIfNecessary({
        topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: next }] }],
      });
    }
    if (undecodable) this.fail(undecodable);
  }

  private async handleInTransaction(events: readonly DeliveredEvent[], payload: EachBatchPayload): Promise<void> {
    const seen = new Set<string>();
    const unique = events.filter((event) => !seen.has(event.id) && seen.add(event.id));
    const handled = await this.options.store.transaction(async (tx) => {
      const fresh = await this.options.store.markProcessed(
        tx,
        this.consumerName,
        unique.map((event) => event.id),
      );
      let lastHeartbeat = Date.now();
      let count = 0;
      for (const event of unique) {
        if (!fresh.has(event.id)) continue;
        await this.options.handle(event, tx);
        count += 1;
        if (Date.now() - lastHeartbeat >= HEARTBEAT_EVERY_MS) {
          lastHeartbeat = Date.now();
          // A rebalance must not undo work already done: the offset commit after the transaction
          // then fails, kafkajs rejoins, and the marks drop the redelivered copies.
          await payload.heartbeat().catch(() => undefined);
        }
      }
      return count;
    });
    this.handled += handled;
    this.duplicatesDropped += events.length - handled;
  }

  /** Pauses the partition for a backoff; on resume kafkajs fetches from the last resolved offset again. */
  private retryLater(payload: EachBatchPayload, offset: string, error: unknown): void {
    const { partition } = payload.batch;
    const attempts = (this.retrying.get(partition)?.attempts ?? 0) + 1;
    this.errors += 1;
    this.retrying.set(partition, { offset, attempts, message: messageOf(error) });
    const resume = payload.pause();
    if (this.stopping) return;
    const delay = Math.min(this.retryDelayMs.initial * 2 ** (attempts - 1), this.retryDelayMs.max);
    const timer = setTimeout(() => {
      this.resumeTimers.delete(timer);
      resume();
    }, delay);
    this.resumeTimers.add(timer);
  }

  private fail(error: Error): void {
    if (this.state === 'failed') return;
    this.state = 'failed';
    this.failure =
      error instanceof UndecodableMessageError
        ? { message: error.message, partition: error.partition, offset: error.offset }
        : { message: error.message };
    this.retrying.clear();
    for (const timer of this.resumeTimers) clearTimeout(timer);
    this.resumeTimers.clear();
    // Not awaited: called from inside a batch, and kafkajs' disconnect waits for that batch to end.
    void this.disconnect();
    this.options.onFailure?.(error);
  }

  private disconnect(): Promise<void> {
    this.disconnecting ??= (async () => {
      await this.consumer?.disconnect().catch(() => undefined);
    })();
    return this.disconnecting;
  }
}

function decodeBatch(batch: Batch): { events: DeliveredEvent[]; undecodable?: UndecodableMessageError } {
  const events: DeliveredEvent[] = [];
  for (const message of batch.messages) {
    try {
      events.push(decodeDeliveredEvent(message, batch.partition));
    } catch (error) {
      if (error instanceof UndecodableMessageError) return { events, undecodable: error };
      throw error;
    }
  }
  return { events };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
