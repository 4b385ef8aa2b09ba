import { compareLogPositions, createSqlEventStore, type RecordedEvent, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { eventually, postgresTestSchema, readWholeLog } from '@partnerships/event-store/testing';
import { sqlLogLagCounter } from '@partnerships/log-follower';
import { randomProgram } from '@partnerships/projections/testing';
import { randomUUID } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import { decodeDeliveredEvent } from '../envelope/delivered-event';
import { aggregateIdOf } from '../envelope/cloud-event-attributes';
import { createKafkaClient } from '../kafka/kafka-client';
import { readWholeTopic, topicRecordCount, type ReadRecord } from '../testing/topic-reader';
import { testKafkaBrokers } from '../testing/kafka-broker';
import { EventRelay } from './event-relay';

interface OpenedTestStore {
  readonly store: SqlEventStore;
  readonly client: SqlClient;
  close(): Promise<void>;
}

const stores: Array<[string, () => Promise<OpenedTestStore>]> = [
  [
    'PostgreSQL',
    async () => {
      const schema = postgresTestSchema('relay');
      const opened = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema });
      return { ...opened, close: async () => { await opened.store.close(); await schema.drop(); } };
    },
  ],
  ['PGlite', async () => { const opened = await createSqlEventStore({}); return { ...opened, close: () => opened.store.close() }; }],
];

/** Every check a consumer relies on, record by record against the log. */
function expectTopicToMirrorLog(records: readonly ReadRecord[], log: readonly RecordedEvent[]): void {
  const byId = new Map(log.map((event) => [event.eventId, event]));
  expect(new Set(records.map((record) => record.headers.ce_id)).size).toBe(records.length);
  expect(records).toHaveLength(log.length);
  const partitionOfStream = new Map<string, number>();
  const lastVersionOfStream = new Map<string, number>();
  const ordered = [...records].sort((a, b) => a.partition - b.partition || Number(a.offset) - Number(b.offset));
  for (const record of ordered) {
    const event = byId.get(record.headers.ce_id);
    if (!event) throw new Error(`record ${record.headers.ce_id} is not in the log`);
    const subject = aggregateIdOf(event.streamId);
    expect(record.key).toBe(subject);
    expect(record.headers).toMatchObject({
      'content-type': 'application/json',
      ce_specversion: '1.0',
      ce_source: '/partnerships',
      ce_type: `partnerships.${event.type}`,
      ce_subject: subject,
      ce_time: event.metadata.occurredAt,
      ce_dataschema: `urn:partnerships:schema:${event.type}:${event.metadata.schemaVersion}`,
      ce_position: event.position,
      ce_streamversion: String(event.version),
      ce_recordedtime: event.recordedAt,
      ce_actor: event.metadata.actor,
      ce_correlationid: event.metadata.correlationId,
    });
    expect(JSON.parse(record.value)).toEqual(event.data);
    expect(decodeDeliveredEvent(record.message, record.partition).data).toEqual(event.data);
    // One stream, one partition, versions 1, 2, 3… in offset order.
    expect(partitionOfStream.get(event.streamId) ?? record.partition).toBe(record.partition);
    partitionOfStream.set(event.streamId, record.partition);
    expect(event.version).toBe((lastVersionOfStream.get(event.streamId) ?? 0) + 1);
    lastVersionOfStream.set(event.streamId, event.version);
  }
}

describe.each(stores)('the relay on %s', (_name, open) => {
  let opened: OpenedTestStore;
  let kafka: Kafka;
  let topic: string;

  beforeEach(async () => {
    opened = await open();
    kafka = createKafkaClient({ brokers: testKafkaBrokers(), clientId: 'relay-spec' });
    topic = `relay-spec-${randomUUID()}`;
  });

  afterEach(async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
    await opened.close();
  });

  function relay(batchSize = 100): EventRelay {
    return new EventRelay({
      store: opened.store,
      checkpoints: opened.client,
      kafka,
      topic: { topic, partitions: 4, replicationFactor: 1 },
      batchSize,
      idlePollMs: 50,
      lagCounter: sqlLogLagCounter(opened.client),
    });
  }

  // The head is read again on every try: on PostgreSQL it stops below any transaction still open
  // elsewhere on the server (another suite's), so a head read once can lag the relay's position.
  async function publishedUpToHead(running: EventRelay): Promise<void> {
    const written = await opened.store.headPosition();
    const settled = await eventually(
      async () => ({ status: await running.status(), head: await opened.store.headPosition() }),
      ({ status, head }) => compareLogPositions(status.position, written) >= 0 && status.position === head && status.lag === 0,
      30_000,
    );
    expect(settled.status.position).toBe(settled.head);
    expect(settled.status.lag).toBe(0);
  }

  it('publishes every committed event once, keyed by partner, each partner in stream order, catching up then live', async () => {
    const program = randomProgram(opened.store, { seed: 41, partners: 30, managers: 4 });
    await program.write(700);
    const running = relay();
    running.start();
    try {
      // Live: commands keep arriving while the relay publishes.
      for (let round = 0; round < 10; round += 1) {
        await program.write(60);
        await new Promise((resolve) => setImmediate(resolve));
      }
      await publishedUpToHead(running);
    } finally {
      await running.stop();
    }
    const log = await readWholeLog(opened.store);
    expect(await topicRecordCount(kafka, topic)).toBe(log.length);
    expectTopicToMirrorLog(await readWholeTopic(kafka, topic, log.length), log);
  });

  it('resumes from its checkpoint after a stop without publishing anything twice', async () => {
    const program = randomProgram(opened.store, { seed: 42, partners: 10, managers: 2 });
    await program.write(300);
    const first = relay(64);
    first.start();
    await publishedUpToHead(first);
    await first.stop();
    expect((await first.status()).state).toBe('stopped');

    await program.write(300);
    const second = relay(64);
    second.start();
    try {
      await publishedUpToHead(second);
      expect((await second.status()).published).toBe((await readWholeLog(opened.store)).length - (await first.status()).published);
    } finally {
      await second.stop();
    }
    const log = await readWholeLog(opened.store);
    expect(await topicRecordCount(kafka, topic)).toBe(log.length);
    expectTopicToMirrorLog(await readWholeTopic(kafka, topic, log.length), log);
  });

  it('stopped mid catch-up, finishes the page in flight: the topic holds exactly what the checkpoint covers', async () => {
    const program = randomProgram(opened.store, { seed: 43, partners: 20, managers: 3 });
    await program.write(1_500);
    const running = relay(50);
    running.start();
    await eventually(() => running.status(), (current) => current.published >= 200, 30_000);
    await running.stop();
    const stopped = await running.status();
    expect(stopped.lag).toBeGreaterThan(0);
    const covered = (await readWholeLog(opened.store)).filter((event) => compareLogPositions(event.position, stopped.position) <= 0);
    expect(stopped.published).toBe(covered.length);
    expect(await topicRecordCount(kafka, topic)).toBe(covered.length);
  });
});
