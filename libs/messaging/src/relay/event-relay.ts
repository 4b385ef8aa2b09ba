import type { EventStore, LogPosition, RecordedEvent, SqlClient } from '@partnerships/event-store';
import { CheckpointStore, defaultFailureDecision, LogFollower, RetryBackoff, type LogLagCounter } from '@partnerships/log-follower';
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
  private readonly maxSendBytes: number;
  private readonly sendBackoff: RetryBackoff;
  private readonly shutdownTimeoutMs: number;
  private readonly follower: LogFollower;
  private producer: Producer | null = null;
  private started = false;
  /** Failed sends, each retried in place (the follower counts the failures it goes back for). */
  private sendFailures = 0;
  private sendRetrying: { attempts: number; message: string } | undefined;

  constructor(private readonly options: EventRelayOptions) {
    this.checkpoints = new CheckpointStore(options.checkpoints);
    this.checkpointName = `relay:${options.topic.topic}`;
    this.maxSendBytes = options.maxSendBytes ?? 768 * 1024;
    this.sendBackoff = new RetryBackoff(options.retryDelayMs ?? { initial: 100, max: 5_000 });
    this.shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
    this.follower = new LogFollower(
      {
        prepare: () => this.prepare(),
        readCheckpoint: () => this.checkpoints.read(this.checkpointName),
        handlePage: (page, from, committed) => this.publish(page, from, committed),
        decide: (error) => (error instanceof StopRequested ? 'fatal' : defaultFailureDecision(error)),
        onRetry: () => this.countFailure(),
      },
      { ...options, batchSize: options.batchSize ?? 2_000 },
    );
    options.metrics?.track(options.topic.topic, () => this.follower.lag());
  }

  get topic(): string {
    return this.options.topic.topic;
  }

  /** The checkpoint as this relay last saved it. */
  get publishedPosition(): LogPosition | null {
    return this.follower.position;
  }

  /** Starts in the background; failures show in `status()` and are retried, never thrown. */
  start(): void {
    this.started = true;
    this.follower.start();
  }

  /**
   * Lets the page in flight finish (sent, acknowledged, checkpointed) and stops. A send still
   * waiting for an absent broker after `shutdownTimeoutMs` is abandoned: its events stay after
   * the checkpoint and are published by the next start.
   */
  async stop(): Promise<void> {
    if (!this.started) return;
    const stopped = this.follower.stop();
    this.sendBackoff.interrupt();
    let timer: NodeJS.Timeout | undefined;
    const finished = await Promise.race([
      stopped.then(() => true),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.shutdownTimeoutMs))),
    ]);
    clearTimeout(timer);
    await this.disconnectProducer();
    if (!finished) await stopped;
  }

  async status(): Promise<RelayStatus> {
    const { state, position, lag, handled, failures, retrying } = await this.follower.status();
    return {
      topic: this.topic,
      state: state === 'failed' ? 'stopped' : state,
      position,
      lag,
      published: handled,
      errors: failures + this.sendFailures,
      ...(retrying && { retrying }),
      ...(this.sendRetrying && { retrying: { ...this.sendRetrying } }),
    };
  }

  private async prepare(): Promise<void> {
    await this.checkpoints.prepare();
    await this.options.checkpoints.transaction((tx) => this.checkpoints.register(tx, this.checkpointName));
    await ensureEventTopic(this.options.kafka, this.options.topic);
  }

  private async publish(page: readonly RecordedEvent[], from: LogPosition | null, committed: (to: LogPosition, events: number) => void): Promise<void> {
    for (const chunk of chunkMessages(page.map(toKafkaEventMessage), this.maxSendBytes)) {
      await this.send(chunk);
    }
    const to = page[page.length - 1].position;
    await this.options.checkpoints.transaction((tx) => this.checkpoints.save(tx, this.checkpointName, from, to));
    committed(to, page.length);
    this.options.metrics?.published.inc({ topic: this.topic }, page.length);
  }

  /** Sends until acknowledged, the same messages each time; gives up only when stopping. */
  private async send(messages: KafkaEventMessage[]): Promise<void> {
    for (let attempts = 1; ; attempts += 1) {
      if (this.follower.stopping) throw new StopRequested();
      try {
        const producer = await this.connectedProducer();
        await producer.send({ topic: this.topic, acks: -1, messages });
        this.sendRetrying = undefined;
        return;
      } catch (error) {
        if (this.follower.stopping) throw new StopRequested();
        this.sendFailures += 1;
        this.countFailure();
        this.sendRetrying = { attempts, message: error instanceof Error ? error.message : String(error) };
        // Only a producer the broker no longer recognises is replaced: its successor's sequence
        // numbers start afresh, so what the old one got through may come twice. Any other failure
        // (an absent broker included) is retried on the same producer, which the broker deduplicates.
        if (brokenProducerState(error)) await this.disconnectProducer();
        await this.sendBackoff.wait(attempts);
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

  private countFailure(): void {
    this.options.metrics?.errors.inc({ topic: this.topic });
  }
}
