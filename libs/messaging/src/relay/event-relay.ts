import type { EventStore, LogPosition, RecordedEvent, SqlClient } from '@partnerships/event-store';
import {
  CheckpointMovedError,
  CheckpointStore,
  followLog,
  HeadWatcher,
  readingLogLagCounter,
  RetryBackoff,
  superviseFollower,
  type LogLagCounter,
} from '@partnerships/projections';
import { Partitioners, type Kafka, type Producer } from 'kafkajs';
import { toKafkaEventMessage, type KafkaEventMessage } from '../envelope/kafka-event-message';
import { ensureEventTopic, type EventTopicSettings } from '../kafka/event-topic';
import { chunkMessages } from './message-chunks';
import type { RelayMetrics } from './relay-metrics';

export type RelayState = 'starting' | 'catching-up' | 'live' | 'stopped';

export interface RelayStatus {
  readonly topic: string;
  readonly state: RelayState;
  /** The checkpoint: every event up to here is acknowledged by the broker. Null before the first. */
  readonly position: LogPosition | null;
  /** Events in the log after the checkpoint. */
  readonly lag: number;
  /** Events published and acknowledged since this relay started. */
  readonly published: number;
  /** Failed attempts since this relay started (each retried). */
  readonly errors: number;
  /** The failure being retried, while the relay backs off. */
  readonly retrying?: { readonly attempts: number; readonly message: string };
}

export interface EventRelayOptions {
  readonly store: EventStore;
  /** Where the relay keeps its checkpoint (table `projection_checkpoints`, row `relay:<topic>`). */
  readonly checkpoints: SqlClient;
  readonly kafka: Kafka;
  readonly topic: EventTopicSettings;
  /** Events read from the log per page; default 2,000. */
  readonly batchSize?: number;
  /** Upper bound of one send, in bytes; default 768 KiB (below the broker's 1 MiB batch limit). */
  readonly maxSendBytes?: number;
  /** Pull again this often when no wake-up came; default 250 ms. */
  readonly idlePollMs?: number;
  /** Backoff after a failure: first delay, doubling up to the max. Defaults 100 ms, 5 s. */
  readonly retryDelayMs?: { readonly initial: number; readonly max: number };
  /** How long `stop()` waits for the send in flight before giving it up; default 10 s. */
  readonly shutdownTimeoutMs?: number;
  readonly lagCounter?: LogLagCounter;
  readonly metrics?: RelayMetrics;
}

class StopRequested extends Error {}

const BROKEN_PRODUCER_STATES = new Set(['OUT_OF_ORDER_SEQUENCE_NUMBER', 'INVALID_PRODUCER_EPOCH', 'UNKNOWN_PRODUCER_ID', 'INVALID_PRODUCER_ID_MAPPING']);

/** True when the broker refused the producer's identity or sequence (kafkajs may wrap it in a retries-exceeded error). */
function brokenProducerState(error: unknown): boolean {
  for (let current = error, depth = 0; typeof current === 'object' && current !== null && depth < 4; depth += 1) {
    const type = (current as { type?: unknown }).type;
    if (typeof type === 'string' && BROKEN_PRODUCER_STATES.has(type)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Publishes the global log to Kafka, at least once and in log order: reads a page after its
 * checkpoint, sends it with an idempotent producer (acks from all in-sync replicas), and moves
 * the checkpoint only once the broker acknowledged every message of the page. A failed send is
 * retried with the same messages on the same producer, whose sequence numbers make the broker
 * drop what it already has; nothing after it is sent meanwhile, so a slow or absent broker
 * slows the relay down and never reorders. Only a relay that dies between the broker's
 * acknowledgement and its checkpoint publishes events twice (consumers deduplicate by `ce_id`).
 */
export class EventRelay {
  private readonly checkpoints: CheckpointStore;
  private readonly checkpointName: string;
  private readonly batchSize: number;
  private readonly maxSendBytes: number;
  private readonly idlePollMs: number;
  private readonly backoff: RetryBackoff;
  private readonly shutdownTimeoutMs: number;
  private readonly lagCounter: LogLagCounter;
  private readonly headWatcher: HeadWatcher;
  private producer: Producer | null = null;
  private state: RelayState = 'starting';
  private position: LogPosition | null = null;
  private published = 0;
  private errors = 0;
  private retrying: { attempts: number; message: string } | undefined;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(private readonly options: EventRelayOptions) {
    this.checkpoints = new CheckpointStore(options.checkpoints);
    this.checkpointName = `relay:${options.topic.topic}`;
    this.batchSize = options.batchSize ?? 2_000;
    this.maxSendBytes = options.maxSendBytes ?? 768 * 1024;
    this.idlePollMs = options.idlePollMs ?? 250;
    this.backoff = new RetryBackoff(options.retryDelayMs ?? { initial: 100, max: 5_000 });
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    this.lagCounter = options.lagCounter ?? readingLogLagCounter(options.store);
    this.headWatcher = new HeadWatcher(options.store);
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new Error('batchSize must be a positive integer');
    }
    options.metrics?.track(options.topic.topic, () => this.lagCounter(this.position));
  }

  get topic(): string {
    return this.options.topic.topic;
  }

  /** The checkpoint as this relay last saved it. */
  get publishedPosition(): LogPosition | null {
    return this.position;
  }

  /** Starts in the background; failures show in `status()` and are retried, never thrown. */
  start(): void {
    if (this.running !== null) throw new Error('The relay was already started; use a new one');
    this.running = this.run();
  }

  /**
   * Lets the page in flight finish (sent, acknowledged, checkpointed) and stops. A send still
   * waiting for an absent broker after `shutdownTimeoutMs` is abandoned: its events stay after
   * the checkpoint and are published by the next start.
   */
  async stop(): Promise<void> {
    if (this.running === null) return;
    this.stopping = true;
    this.headWatcher.interrupt();
    this.backoff.interrupt();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      this.running.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.shutdownTimeoutMs))),
    ]);
    clearTimeout(timer);
    await this.disconnectProducer();
    if (!finished) await this.running;
    this.headWatcher.close();
    this.state = 'stopped';
  }

  async status(): Promise<RelayStatus> {
    const position = this.position;
    return {
      topic: this.topic,
      state: this.state,
      position,
      lag: await this.lagCounter(position),
      published: this.published,
      errors: this.errors,
      ...(this.retrying && { retrying: { ...this.retrying } }),
    };
  }

  private run(): Promise<void> {
    return superviseFollower({
      stopping: () => this.stopping,
      backoff: this.backoff,
      prepare: () => this.prepare(),
      follow: async (recovered) => {
        // From the stored checkpoint: after a failure nothing in memory is trusted.
        this.position = await this.checkpoints.read(this.checkpointName);
        await this.follow(recovered);
      },
      onRecovered: () => {
        this.retrying = undefined;
      },
      decide: (error) => {
        this.headWatcher.close();
        if (this.stopping || error instanceof StopRequested) return 'stop';
        return error instanceof CheckpointMovedError ? 'retry-now' : 'retry-after-backoff';
      },
      onRetry: (attempts, error) => this.recordFailure(attempts, error),
    });
  }

  private async prepare(): Promise<void> {
    await this.checkpoints.prepare();
    await this.options.checkpoints.transaction((tx) => this.checkpoints.register(tx, this.checkpointName));
    await ensureEventTopic(this.options.kafka, this.options.topic);
  }

  private follow(onProgress: () => void): Promise<void> {
    return followLog({
      store: this.options.store,
      headWatcher: this.headWatcher,
      batchSize: this.batchSize,
      idlePollMs: this.idlePollMs,
      position: () => this.position,
      stopping: () => this.stopping,
      onState: (state) => (this.state = state),
      handlePage: (page) => this.publish(page),
      onProgress,
    });
  }

  private async publish(page: readonly RecordedEvent[]): Promise<void> {
    for (const chunk of chunkMessages(page.map(toKafkaEventMessage), this.maxSendBytes)) {
      await this.send(chunk);
    }
    const from = this.position;
    const to = page[page.length - 1].position;
    await this.options.checkpoints.transaction((tx) => this.checkpoints.save(tx, this.checkpointName, from, to));
    this.position = to;
    this.published += page.length;
    this.options.metrics?.published.inc({ topic: this.topic }, page.length);
  }

  /** Sends until acknowledged, the same messages each time; gives up only when stopping. */
  private async send(messages: KafkaEventMessage[]): Promise<void> {
    for (let attempts = 1; ; attempts += 1) {
      if (this.stopping) throw new StopRequested();
      try {
        const producer = await this.connectedProducer();
        await producer.send({ topic: this.topic, acks: -1, messages });
        this.retrying = undefined;
        return;
      } catch (error) {
        if (this.stopping) throw new StopRequested();
        this.recordFailure(attempts, error);
        // Only a producer the broker no longer recognises is replaced: its successor's sequence
        // numbers start afresh, so what the old one got through may come twice. Any other failure
        // (an absent broker included) is retried on the same producer, which the broker deduplicates.
        if (brokenProducerState(error)) await this.disconnectProducer();
        await this.backoff.wait(attempts);
      }
    }
  }

  private async connectedProducer(): Promise<Producer> {
    if (this.producer === null) {
      const producer = this.options.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        // Murmur2 of the key, as the Java client partitions: a partner lands where any producer puts it.
        createPartitioner: Partitioners.DefaultPartitioner,
        // Short tries inside kafkajs; `send` retries on top, reporting while it does.
        retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 5 },
      });
      this.producer = producer;
      try {
        await producer.connect();
      } catch (error) {
        this.producer = null;
        await producer.disconnect().catch(() => undefined);
        throw error;
      }
    }
    return this.producer;
  }

  private async disconnectProducer(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  private recordFailure(attempts: number, error: unknown): void {
    this.errors += 1;
    this.options.metrics?.errors.inc({ topic: this.topic });
    this.retrying = { attempts, message: error instanceof Error ? error.message : String(error) };
  }
}
