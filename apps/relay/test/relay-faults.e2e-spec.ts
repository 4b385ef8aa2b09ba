import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { compareLogPositions, createSqlEventStore, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { eventually, postgresTestSchema, readWholeLog } from '@partnerships/event-store/testing';
import { createKafkaClient } from '@partnerships/messaging';
import { readWholeTopic, runKafkaScript, testKafkaBrokers, topicRecordCount } from '@partnerships/messaging/testing';
import { randomProgram } from '@partnerships/projections/testing';
import { Client } from 'pg';
import { consumeWithHelper, expectEachPartnerInStreamOrder } from './support/handled-events';
import { exited, relayMetric, startRelayProcess, storedRelayCheckpoint } from './support/relay-process';

async function deleteTopic(brokers: string[], topic: string): Promise<void> {
  const admin = createKafkaClient({ brokers, clientId: 'relay-faults' }).admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}

describe('the relay process against faults', () => {
  const schema = postgresTestSchema('relay_faults');
  let store: SqlEventStore;
  let client: SqlClient;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ({ store, client } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await store.close();
    await schema.drop();
  });

  async function publishedToHead(topic: string, timeoutMs = 60_000): Promise<string | null> {
    // The head is read again on every try: on PostgreSQL it stops below any transaction still
    // open elsewhere on the server, so a head read once can trail the relay's checkpoint.
    const written = await store.headPosition();
    const settled = await eventually(
      async () => ({ stored: await storedRelayCheckpoint(client, topic), head: await store.headPosition() }),
      ({ stored, head }) => compareLogPositions(stored, written) >= 0 && stored === head,
      timeoutMs,
    );
    expect(settled.stored).toBe(settled.head);
    return settled.stored;
  }

  it('killed with SIGKILL mid-batch and restarted, repeats at most the page in flight, and the helper hands every event over once in order', async () => {
    const brokers = testKafkaBrokers();
    const topic = `relay-kill-${randomUUID()}`;
    const batchSize = 40;
    const program = randomProgram(store, { seed: 7001, partners: 80, managers: 5 });
    await program.write(2_500);
    const head = await store.headPosition();
    const settings = { databaseUrl: schema.databaseUrl, schema: schema.schema, brokers: brokers.join(','), topic, batchSize };
    try {
      const checkpointsAtKill: Array<string | null> = [];
      const kafka = createKafkaClient({ brokers, clientId: 'relay-faults' });
      // First kill: wherever the relay happens to be once its checkpoint moved.
      const first = startRelayProcess(settings);
      children.push(first);
      await eventually(() => storedRelayCheckpoint(client, topic), (stored) => stored !== null, 30_000);
      first.kill('SIGKILL');
      expect(await exited(first)).toEqual({ code: null, signal: 'SIGKILL' });
      checkpointsAtKill.push(await storedRelayCheckpoint(client, topic));
      await program.write(100); // the log moves on while the relay is down

      // Second kill: exactly between the broker's acknowledgement and the checkpoint, held there
      // by a lock on the checkpoint row.
      const blocker = new Client({ connectionString: schema.databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query(`SELECT 1 FROM ${schema.schema}.projection_checkpoints WHERE name = $1 FOR UPDATE`, [`relay:${topic}`]);
        const held = await storedRelayCheckpoint(client, topic);
        const onTopicBefore = await topicRecordCount(kafka, topic);
        const second = startRelayProcess(settings);
        children.push(second);
        await eventually(() => topicRecordCount(kafka, topic), (count) => count >= onTopicBefore + batchSize, 30_000);
        second.kill('SIGKILL');
        expect(await exited(second)).toEqual({ code: null, signal: 'SIGKILL' });
        checkpointsAtKill.push(held);
      } finally {
        await blocker.query('ROLLBACK');
        await blocker.end();
      }
      expect(compareLogPositions(await storedRelayCheckpoint(client, topic), head)).toBeLessThan(0);
      await program.write(100);

      const last = startRelayProcess(settings);
      children.push(last);
      await publishedToHead(topic);
      last.kill('SIGTERM');
      expect(await exited(last)).toEqual({ code: null, signal: 'SIGTERM' });

      const log = await readWholeLog(store);
      const onTopic = await topicRecordCount(kafka, topic);
      const records = await readWholeTopic(kafka, topic, onTopic);
      // Nothing lost.
      expect(new Set(records.map((record) => record.headers.ce_id))).toEqual(new Set(log.map((event) => event.eventId)));
      // Copies only of events just after a checkpoint a kill left behind: at most one page each.
      const seen = new Map<string, number>();
      for (const record of records) seen.set(record.headers.ce_id, (seen.get(record.headers.ce_id) ?? 0) + 1);
      const indexOf = new Map(log.map((event, index) => [event.eventId, index]));
      const repeated = [...seen].filter(([, copies]) => copies > 1).map(([id]) => indexOf.get(id) ?? -1);
      const firstAfter = checkpointsAtKill.map((position) => log.findIndex((event) => compareLogPositions(event.position, position) > 0));
      for (const index of repeated) {
        expect(firstAfter.some((start) => index >= start && index < start + batchSize)).toBe(true);
      }
      // The page sent under the held checkpoint came twice; a kill never costs more than a page.
      expect(onTopic - log.length).toBeGreaterThanOrEqual(batchSize);
      expect(onTopic - log.length).toBeLessThanOrEqual(2 * batchSize);

      const { handled, duplicatesDropped } = await consumeWithHelper(kafka, client, topic, log.length);
      expect(handled.map((event) => event.eventId).sort()).toEqual(log.map((event) => event.eventId).sort());
      expect(duplicatesDropped).toBe(onTopic - log.length);
      expectEachPartnerInStreamOrder(handled);
    } finally {
      await deleteTopic(brokers, topic);
    }
  }, 180_000);

  it('waits out a broker that stops while commands keep coming, then publishes everything once, in order', async () => {
    // A broker of its own, so that stopping it disturbs no other test.
    const stateDir = mkdtempSync(join(tmpdir(), 'kafka-fault-'));
    const broker = { KAFKA_PORT: '19092', KAFKA_CONTROLLER_PORT: '19093', KAFKA_STATE_DIR: stateDir };
    const brokers = ['127.0.0.1:19092'];
    const topic = `relay-outage-${randomUUID()}`;
    const metricsPort = 19_400 + Math.floor(Math.random() * 500);
    const program = randomProgram(store, { seed: 7002, partners: 60, managers: 4 });
    runKafkaScript('start', broker);
    let writing = true;
    const writer = (async () => {
      while (writing) {
        await program.write(20);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const relay = startRelayProcess({ databaseUrl: schema.databaseUrl, schema: schema.schema, brokers: brokers.join(','), topic, batchSize: 100, metricsPort });
    children.push(relay);
    try {
      await eventually(() => relayMetric(metricsPort, 'partnerships_relay_published_events_total'), (published) => published >= 300, 30_000);
      runKafkaScript('stop', broker);
      // The relay keeps trying and says so; the log keeps growing.
      await eventually(() => relayMetric(metricsPort, 'partnerships_relay_errors_total'), (errors) => errors >= 2, 30_000);
      const stalledAt = await storedRelayCheckpoint(client, topic);
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(await storedRelayCheckpoint(client, topic)).toBe(stalledAt);
      expect(await relayMetric(metricsPort, 'partnerships_relay_lag_events')).toBeGreaterThan(0);

      runKafkaScript('start', broker);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      writing = false;
      await writer;
      await publishedToHead(topic);
      relay.kill('SIGTERM');
      expect(await exited(relay)).toEqual({ code: null, signal: 'SIGTERM' });

      const log = await readWholeLog(store);
      const kafka = createKafkaClient({ brokers, clientId: 'relay-faults' });
      // The relay never died: the idempotent producer's retries left no copy on the topic.
      expect(await topicRecordCount(kafka, topic)).toBe(log.length);
      const { handled, duplicatesDropped } = await consumeWithHelper(kafka, client, topic, log.length);
      expect(handled.map((event) => event.eventId).sort()).toEqual(log.map((event) => event.eventId).sort());
      expect(duplicatesDropped).toBe(0);
      expectEachPartnerInStreamOrder(handled);
    } finally {
      writing = false;
      await writer.catch(() => undefined);
      relay.kill('SIGKILL');
      runKafkaScript('stop', broker);
      rmSync(stateDir, { recursive: true, force: true });
    }
  }, 180_000);
});
