import { randomBytes, randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@partnerships/event-store';
import { Partitioners, type Kafka, type Message, type Producer } from 'kafkajs';
import { toKafkaEventMessage } from '../../envelope/kafka-event-message';
import { createKafkaClient } from '../../kafka/kafka-client';
import { ensureEventTopic } from '../../kafka/event-topic';
import { testKafkaBrokers } from '../../testing/kafka-broker';

/** A topic of its own for one test on the real broker, with a producer; `delete()` removes it. */
export class EventTopicFixture {
  readonly kafka: Kafka;
  private producer: Producer | null = null;

  private constructor(
    readonly topic: string,
    kafka: Kafka,
  ) {
    this.kafka = kafka;
  }

  static async create(prefix: string, partitions: number): Promise<EventTopicFixture> {
    const kafka = createKafkaClient({ brokers: testKafkaBrokers(), clientId: `${prefix}-test` });
    const topic = `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    await ensureEventTopic(kafka, { topic, partitions, replicationFactor: 1 });
    return new EventTopicFixture(topic, kafka);
  }

  /** A group id no other test uses. */
  groupId(name = 'group'): string {
    return `${this.topic}-${name}-${randomBytes(3).toString('hex')}`;
  }

  /** Publishes as the relay does: one CloudEvent message per event, keyed by the partner. */
  publish(events: readonly RecordedEvent[]): Promise<void> {
    return this.send(events.map(toKafkaEventMessage));
  }

  async send(messages: Message[]): Promise<void> {
    if (this.producer === null) {
      this.producer = this.kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await this.producer.connect();
    }
    await this.producer.send({ topic: this.topic, acks: -1, messages });
  }

  /** The group's committed offset per partition. */
  async committedOffsets(groupId: string): Promise<Record<number, string>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({ groupId, topics: [this.topic] });
      return Object.fromEntries(topic.partitions.map(({ partition, offset }) => [partition, offset]));
    } finally {
      await admin.disconnect();
    }
  }

  async delete(): Promise<void> {
    await this.producer?.disconnect().catch(() => undefined);
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      await admin.deleteTopics({ topics: [this.topic] });
    } finally {
      await admin.disconnect();
    }
  }
}

let nextPosition = 1n;

/** A recorded partnership event as the store would give it to the relay. */
export function recordedPartnerEvent(
  partnerId: string,
  version: number,
  type = 'LeadReferred',
  data: Record<string, unknown> = { partnerId, leadId: `lead-${version}` },
  occurredAt = '2024-03-01T10:00:00.000Z',
): RecordedEvent {
  const position = (nextPosition++).toString();
  return {
    eventId: randomUUID(),
    type,
    data,
    metadata: { occurredAt, actor: 'test', correlationId: randomUUID(), causationId: null, schemaVersion: 1 },
    streamId: `partnership-${partnerId}`,
    version,
    position,
    recordedAt: new Date().toISOString(),
  };
}

/** Each partner's events, versions 1..perPartner, interleaved across partners as a log would hold them. */
export function interleavedHistories(partnerIds: readonly string[], perPartner: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  for (let version = 1; version <= perPartner; version += 1) {
    for (const partnerId of partnerIds) events.push(recordedPartnerEvent(partnerId, version));
  }
  return events;
}

/** Polls `check` until it returns true, or fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
