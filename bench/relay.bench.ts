/**
 * Relay throughput and end-to-end latency against the local Kafka broker (deploy/kafka/kafka.sh).
 *
 * 1. Throughput: seeds a log of BENCH_EVENTS events (the program of bench:rebuild) into a fresh
 *    PostgreSQL schema, then publishes the whole log from position zero to a fresh 6-partition
 *    topic with the relay, BENCH_RUNS times, each timed until its checkpoint is at the head and
 *    checked (the topic holds exactly that many records). Prints events/s per run and the median.
 *    Then the same first 200,000 messages sent by kafkajs alone (pre-encoded, same producer
 *    settings and page size): the client library's own ceiling on this machine, for the ratio.
 * 2. Latency: a fresh log, the relay live on it, the consumer helper in its own process, and a
 *    steady command load of BENCH_LOAD_RATE events/s for BENCH_LOAD_SECONDS (appended through
 *    the store as the API does); for every event appended after a warm-up, the time from its
 *    commit (recordedAt) to the consumer's handler. Prints p50/p99/max.
 *
 *   npm run bench:relay
 *
 * Env: BENCH_EVENTS (1000000), BENCH_RUNS (3), BENCH_RELAY_BATCH (2000), BENCH_LOAD_RATE (500),
 * BENCH_LOAD_SECONDS (30), BENCH_DATABASE_URL, BENCH_KAFKA_BROKERS (127.0.0.1:9092).
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { compareLogPositions, createSqlEventStore, type EventStore, type LogPosition, type SqlClient } from '@partnerships/event-store';
import { createKafkaClient, ensureEventTopic, EventRelay, topicRecordCount, toKafkaEventMessage, type KafkaEventMessage } from '@partnerships/messaging';
import { Partitioners, type Kafka } from 'kafkajs';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';
import { envNumber, mib, progress, readableLog, RssSampler, SchemaJanitor, seedInChild } from './support/bench-harness';
import { generateProgram } from './support/program-generator';

const EVENTS = envNumber('BENCH_EVENTS', 1_000_000);
const RUNS = envNumber('BENCH_RUNS', 3);
const BATCH = envNumber('BENCH_RELAY_BATCH', 2_000);
const LOAD_RATE = envNumber('BENCH_LOAD_RATE', 500);
const LOAD_SECONDS = envNumber('BENCH_LOAD_SECONDS', 30);
const WARM_UP_SECONDS = 5;
const BROKERS = (process.env.BENCH_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const PARTITIONS = 6;
const BASELINE_EVENTS = Math.min(EVENTS, 200_000);

async function deleteTopic(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}

function relayFor(store: EventStore, client: SqlClient, kafka: Kafka, topic: string): EventRelay {
  return new EventRelay({
    store,
    checkpoints: client,
    kafka,
    topic: { topic, partitions: PARTITIONS, replicationFactor: 1 },
    batchSize: BATCH,
    idlePollMs: 50,
    // Lag is never asked for here; the default counter would read the log to answer.
    lagCounter: async () => 0,
  });
}

async function publishWholeLog(store: EventStore, client: SqlClient, kafka: Kafka, head: LogPosition, run: number) {
  const topic = `bench-relay-${process.pid}-${run}`;
  const relay = relayFor(store, client, kafka, topic);
  const rss = new RssSampler(50);
  const started = performance.now();
  let reported = started;
  relay.start();
  try {
    while (compareLogPositions(relay.publishedPosition, head) < 0) {
      const status = await relay.status();
      if (status.retrying && status.retrying.attempts > 20) throw new Error(`the relay keeps failing: ${status.retrying.message}`);
      if (performance.now() - reported > 5_000) {
        reported = performance.now();
        progress(`  [run ${run}] ${((reported - started) / 1000).toFixed(0)} s: ${status.published.toLocaleString('en')} published`);
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const seconds = (performance.now() - started) / 1000;
    const peakRssMiB = mib(rss.stop());
    await relay.stop();
    const onTopic = await topicRecordCount(kafka, topic);
    if (onTopic !== EVENTS) throw new Error(`the topic holds ${onTopic} records, not ${EVENTS}`);
    return { seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(EVENTS / seconds), peakRssMiB, recordsOnTopic: onTopic };
  } finally {
    await relay.stop();
    await deleteTopic(kafka, topic);
  }
}

/**
 * The ceiling set by the client library: the first BASELINE_EVENTS events of the log, already
 * read and encoded in memory, sent with the relay's producer settings in the relay's page size
 * and awaited one page at a time, as the relay does. No log reading, no checkpoints.
 */
async function kafkajsAlone(store: EventStore, kafka: Kafka) {
  const topic = `bench-relay-baseline-${process.pid}`;
  const pages: KafkaEventMessage[][] = [];
  let after: LogPosition | null = null;
  for (let read = 0; read < BASELINE_EVENTS; ) {
    const page = await store.readAll({ after, limit: BATCH });
    if (page.length === 0) break;
    pages.push(page.map(toKafkaEventMessage));
    read += page.length;
    after = page[page.length - 1].position;
  }
  const events = pages.reduce((sum, page) => sum + page.length, 0);
  await ensureEventTopic(kafka, { topic, partitions: PARTITIONS, replicationFactor: 1 });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    const started = performance.now();
    for (const page of pages) await producer.send({ topic, acks: -1, messages: page });
    const seconds = (performance.now() - started) / 1000;
    return { events, seconds: Number(seconds.toFixed(2)), eventsPerSecond: Math.round(events / seconds) };
  } finally {
    await producer.disconnect();
    await deleteTopic(kafka, topic);
  }
}

/** The relay live on a fresh log, a steady load appended through the store, the consumer helper in a child. */
async function measureLatency(janitor: SchemaJanitor, kafka: Kafka) {
  const schema = janitor.name('bench_relay_live');
  const consumerSchema = janitor.name('bench_relay_consumer');
  const topic = `bench-relay-live-${process.pid}`;
  const opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema });
  const relay = relayFor(opened.store, opened.client, kafka, topic);
  const total = LOAD_RATE * LOAD_SECONDS;
  const program = generateProgram({ maxEvents: total, seed: 77 });
  relay.start();
  const consumer = fork(join(__dirname, 'support', 'latency-consumer.js'), [], {
    env: { ...process.env, BENCH_LATENCY_REQUEST: JSON.stringify({ databaseUrl: BENCH_DATABASE_URL, schema: consumerSchema, brokers: BROKERS, topic }) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      consumer.once('message', () => resolve());
      consumer.once('exit', (code) => reject(new Error(`the latency consumer exited (${code})`)));
    });
    progress(`latency: ${LOAD_RATE} events/s for ${LOAD_SECONDS} s…`);
    const started = performance.now();
    const tail = new Map<string, Promise<unknown>>();
    for (let i = 0; i < program.events.length; i += 1) {
      // Paced: event i is due at i / rate seconds; streams keep their order, others run alongside.
      const due = started + (i / LOAD_RATE) * 1000;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      const event = program.events[i];
      const previous = tail.get(event.streamId) ?? Promise.resolve();
      tail.set(
        event.streamId,
        previous.then(() =>
          opened.store.appendToStream(
            event.streamId,
            [{ eventId: event.eventId, type: event.type, data: JSON.parse(event.data), metadata: JSON.parse(event.metadata) }],
            { expectedVersion: event.version - 1 === 0 ? 'no_stream' : event.version - 1 },
          ),
        ),
      );
    }
    await Promise.all(tail.values());
    const loadSeconds = (performance.now() - started) / 1000;
    const head = await opened.store.headPosition();
    while (compareLogPositions(relay.publishedPosition, head) < 0) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const answer = await new Promise<{ latencies: Array<[number, number]>; status: { handled: number } }>((resolve) => {
      consumer.once('message', (message) => resolve(message as { latencies: Array<[number, number]>; status: { handled: number } }));
      consumer.send({ stop: true });
    });
    const warmedUp = Date.now() - (loadSeconds - WARM_UP_SECONDS) * 1000 - 2_000;
    const measured = answer.latencies.filter(([committed]) => committed >= warmedUp).map(([, latency]) => latency);
    if (answer.status.handled !== program.events.length) throw new Error(`the consumer handled ${answer.status.handled} of ${program.events.length} events`);
    return {
      rateEventsPerSecond: LOAD_RATE,
      achievedRate: Math.round(program.events.length / loadSeconds),
      seconds: LOAD_SECONDS,
      events: program.events.length,
      measuredEvents: measured.length,
      latencyMs: { p50: percentile(measured, 50), p99: percentile(measured, 99), max: Math.max(...measured) },
    };
  } finally {
    consumer.kill();
    await relay.stop();
    await opened.store.close();
    await deleteTopic(kafka, topic);
  }
}

async function main(): Promise<void> {
  console.log(`bench:relay — ${EVENTS.toLocaleString('en')} events to Kafka at ${BROKERS.join(',')} (${PARTITIONS} partitions), relay page ${BATCH}, ${RUNS} runs`);
  const kafka = createKafkaClient({ brokers: BROKERS, clientId: 'bench-relay' });
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  const logSchema = janitor.name('bench_relay_log');
  let opened: Awaited<ReturnType<typeof createSqlEventStore>> | null = null;
  try {
    progress(`seeding ${EVENTS.toLocaleString('en')} events into schema ${logSchema}…`);
    const seeded = await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema, maxEvents: EVENTS });
    opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema });
    const { head } = await readableLog(opened.store, opened.client);

    const runs = [];
    for (let run = 1; run <= RUNS; run += 1) {
      progress(`publish run ${run}/${RUNS}…`);
      const result = await publishWholeLog(opened.store, opened.client, kafka, head, run);
      runs.push(result);
      console.log(`  run ${run}/${RUNS}: ${result.seconds.toFixed(1)} s, ${result.eventsPerSecond.toLocaleString('en')} events/s, peak RSS ${result.peakRssMiB} MiB`);
    }
    const eventsPerSecondMedian = Math.round(median(runs.map((run) => run.eventsPerSecond)));
    console.log(`publish: median ${eventsPerSecondMedian.toLocaleString('en')} events/s over ${RUNS} runs`);
    progress(`kafkajs alone: ${BASELINE_EVENTS.toLocaleString('en')} pre-encoded events…`);
    const baseline = await kafkajsAlone(opened.store, kafka);
    const relayToBaseline = Number((eventsPerSecondMedian / baseline.eventsPerSecond).toFixed(2));
    console.log(`kafkajs alone (same messages, producer settings and page size, nothing else): ${baseline.eventsPerSecond.toLocaleString('en')} events/s; relay / kafkajs alone = ${relayToBaseline}`);
    await opened.store.close();
    opened = null;

    const latency = await measureLatency(janitor, kafka);
    console.log(
      `latency commit → consumer at ${latency.achievedRate} events/s: p50 ${latency.latencyMs.p50} ms, p99 ${latency.latencyMs.p99} ms, max ${latency.latencyMs.max} ms (${latency.measuredEvents.toLocaleString('en')} events after warm-up)`,
    );
    const results = {
      benchmark: 'relay',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, database: 'PostgreSQL (BENCH_DATABASE_URL)', kafka: 'Apache Kafka 3.9.1, single node (deploy/kafka/kafka.sh)' },
      events: seeded.events,
      partitions: PARTITIONS,
      relayPageSize: BATCH,
      runs,
      eventsPerSecondMedian,
      kafkajsAlone: baseline,
      relayToKafkajsAlone: relayToBaseline,
      latency,
    };
    console.log(`saved ${saveResults('relay', results)}`);
  } finally {
    if (opened !== null) await opened.store.close();
    await janitor.dropAll();
    janitor.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
