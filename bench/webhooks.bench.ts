/**
 * Webhook delivery on PostgreSQL: the dispatcher of libs/webhooks in this process (as in the API
 * or apps/projector), receivers on 127.0.0.1 in a process of their own (webhook-receivers.ts).
 *
 * 1. Throughput: a seeded log of BENCH_EVENTS events; endpoints registered and their cursors moved
 *    to the log's start (a replay), then timed until every event reached every receiver. Once with
 *    one endpoint, once with ten; events/s per endpoint and in all.
 * 2. Latency: one endpoint live, BENCH_LOAD_RATE partners selected per second for
 *    BENCH_LOAD_SECONDS through the command runner; for each event, commit (recordedtime) to
 *    arrival at the receiver: p50, p99, max.
 *
 *   npm run bench:webhooks
 *
 * Env: BENCH_EVENTS (50000), BENCH_LOAD_RATE (1000), BENCH_LOAD_SECONDS (20), BENCH_DATABASE_URL,
 * BENCH_ONLY (throughput|latency: one part, nothing saved).
 * Targets: 5,000 events/s delivered; p99 under 250 ms at 1,000 events/s.
 */
import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { PARTNERSHIP, WEBHOOK } from '@partnerships/domain';
import { createSqlEventStore, StreamCommandRunner, systemContext, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { sqlLogLagCounter } from '@partnerships/log-follower';
import { ProjectionHost, webhooksProjection } from '@partnerships/projections';
import { createWebhookDispatcher, WebhookServices, type WebhookDispatcher } from '@partnerships/webhooks';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';
import { envNumber, progress, SchemaJanitor, seedInChild } from './support/bench-harness';

const EVENTS = envNumber('BENCH_EVENTS', 50_000);
const LOAD_RATE = envNumber('BENCH_LOAD_RATE', 1_000);
const LOAD_SECONDS = envNumber('BENCH_LOAD_SECONDS', 20);
const WARM_UP_SECONDS = 3;
const MASTER_KEY = Buffer.alloc(32, 0x42).toString('base64');
const TARGET_EVENTS_PER_SECOND = 5_000;
const TARGET_P99_MS = 250;

interface Receivers {
  readonly urls: string[];
  ask<T>(message: object, key: string): Promise<T>;
  stop(): void;
}

function startReceivers(count: number): Promise<Receivers> {
  const child: ChildProcess = fork(join(__dirname, 'support', 'webhook-receivers.js'), [], { env: { ...process.env, BENCH_RECEIVERS: String(count) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('message', (message: { urls: string[] }) =>
      resolve({
        urls: message.urls,
        ask: <T>(question: object, key: string) =>
          new Promise<T>((answer) => {
            const listener = (reply: Record<string, unknown>) => {
              if (!(key in reply)) return;
              child.off('message', listener);
              answer(reply[key] as T);
            };
            child.on('message', listener);
            child.send(question);
          }),
        stop: () => child.kill(),
      }),
    );
  });
}

interface Bench {
  readonly store: SqlEventStore;
  readonly client: SqlClient;
  readonly runner: StreamCommandRunner;
  readonly services: WebhookServices;
  readonly host: ProjectionHost;
  readonly dispatcher: WebhookDispatcher;
}

async function open(schema: string): Promise<Bench> {
  const { store, client } = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema });
  const runner = new StreamCommandRunner(store);
  const services = new WebhookServices({ config: { allowHttp: true, allowedHosts: ['127.0.0.1'], secretKey: MASTER_KEY }, dataDir: '/nonexistent' }, client);
  await services.setup();
  const host = new ProjectionHost([webhooksProjection], { store, readModel: client, lagCounter: sqlLogLagCounter(client) });
  const dispatcher = createWebhookDispatcher(services, {
    store,
    readModel: client,
    runner,
    lagCounter: sqlLogLagCounter(client),
    onNotice: ({ level, message }) => level !== 'log' && progress(`  webhooks: ${message}`),
  });
  return { store, client, runner, services, host, dispatcher };
}

async function register(bench: Bench, url: string, index: number): Promise<string> {
  const webhookId = `bench-${index}`;
  const context = systemContext();
  await bench.services.vault.keep(webhookId, 'whsec_' + Buffer.alloc(32, index + 1).toString('base64'));
  const written = await bench.runner.run({
    aggregate: WEBHOOK,
    id: webhookId,
    command: { type: 'RegisterWebhook', data: { webhookId, url, eventTypes: ['*'], description: null }, metadata: { now: context.occurredAt } },
    context,
  });
  await bench.services.deliveries.ensureCursor(webhookId, written.position as string);
  return webhookId;
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function throughput(janitor: SchemaJanitor, endpoints: number) {
  const schema = janitor.name(`bench_webhooks_${endpoints}`);
  progress(`throughput, ${endpoints} endpoint(s): seeding ${EVENTS.toLocaleString('en')} events…`);
  const seeded = await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema, maxEvents: EVENTS });
  const bench = await open(schema);
  const receivers = await startReceivers(endpoints);
  try {
    for (let index = 0; index < endpoints; index++) await register(bench, receivers.urls[index], index);
    // Every endpoint delivers the whole log: its cursor back to the start.
    for (let index = 0; index < endpoints; index++) await bench.services.deliveries.replayFrom(`bench-${index}`, null);
    bench.host.start();
    await until(async () => (await bench.host.statuses()).every((status) => status.lag === 0 && status.state === 'live'), 120_000, 'the webhooks read model');
    const started = performance.now();
    await bench.dispatcher.start();
    await until(async () => (await receivers.ask<number[]>({ counts: true }, 'counts')).every((count) => count >= seeded.events), 900_000, 'every delivery');
    const seconds = (performance.now() - started) / 1000;
    const perEndpoint = Math.round(seeded.events / seconds);
    console.log(`  ${endpoints} endpoint(s): ${seeded.events.toLocaleString('en')} events each in ${seconds.toFixed(1)} s: ${perEndpoint.toLocaleString('en')} events/s per endpoint, ${(perEndpoint * endpoints).toLocaleString('en')} in all`);
    return { endpoints, events: seeded.events, seconds: Number(seconds.toFixed(2)), eventsPerSecondPerEndpoint: perEndpoint, eventsPerSecondInAll: perEndpoint * endpoints };
  } finally {
    await bench.dispatcher.stop();
    await bench.host.stop();
    receivers.stop();
    await bench.store.close();
    await janitor.drop(schema);
  }
}

async function latency(janitor: SchemaJanitor) {
  const schema = janitor.name('bench_webhooks_latency');
  const bench = await open(schema);
  const receivers = await startReceivers(1);
  try {
    await register(bench, receivers.urls[0], 0);
    bench.host.start();
    await bench.dispatcher.start();
    await until(async () => (await bench.dispatcher.statuses()).some((status) => status.served), 30_000, 'the endpoint to be served');
    progress(`latency: ${LOAD_RATE} events/s for ${WARM_UP_SECONDS} s of warm-up and ${LOAD_SECONDS} s measured…`);
    let sent = 0;
    const load = async (seconds: number) => {
      const started = Date.now();
      const pending: Promise<unknown>[] = [];
      const total = seconds * LOAD_RATE;
      for (let i = 0; i < total; i++) {
        const due = started + (i * 1000) / LOAD_RATE;
        if (due > Date.now()) await new Promise((resolve) => setTimeout(resolve, due - Date.now()));
        const partnerId = `lat-${sent++}`;
        const context = systemContext();
        pending.push(
          bench.runner.run({
            aggregate: PARTNERSHIP,
            id: partnerId,
            command: { type: 'SelectPartner', data: { partnerId, name: partnerId, contactName: null, contactEmail: `${partnerId}@bench.example`, type: 'referral', tier: null, reason: null }, metadata: { now: context.occurredAt } },
            context,
          }),
        );
      }
      await Promise.all(pending);
      return (Date.now() - started) / 1000;
    };
    await load(WARM_UP_SECONDS);
    await until(async () => (await receivers.ask<number[]>({ counts: true }, 'counts'))[0] >= sent, 60_000, 'the warm-up');
    await receivers.ask({ reset: true }, 'reset');
    const first = sent;
    const seconds = await load(LOAD_SECONDS);
    await until(async () => (await receivers.ask<number[]>({ counts: true }, 'counts'))[0] >= sent - first, 120_000, 'the measured deliveries');
    const latencies = await receivers.ask<number[]>({ latencies: true }, 'latencies');
    const figures = {
      rate: Math.round((sent - first) / seconds),
      events: latencies.length,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
    };
    console.log(`  commit → delivery at ${figures.rate} events/s: p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms (${figures.events} deliveries)`);
    return figures;
  } finally {
    await bench.dispatcher.stop();
    await bench.host.stop();
    receivers.stop();
    await bench.store.close();
    await janitor.drop(schema);
  }
}

async function main(): Promise<void> {
  console.log(`bench:webhooks — PostgreSQL, receivers on 127.0.0.1 in a process of their own, ${cpus().length} cores`);
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  try {
    const only = process.env.BENCH_ONLY;
    const one = only === 'latency' ? null : await throughput(janitor, 1);
    const ten = only === 'latency' ? null : await throughput(janitor, 10);
    const live = only === 'throughput' ? null : await latency(janitor);
    if (one === null || ten === null || live === null) return;
    console.log(`targets: ${TARGET_EVENTS_PER_SECOND.toLocaleString('en')} events/s delivered; p99 under ${TARGET_P99_MS} ms at 1,000 events/s`);
    const results = {
      benchmark: 'webhooks',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      throughput: [one, ten],
      latency: live,
      medianPerEndpoint: median([one.eventsPerSecondPerEndpoint, ten.eventsPerSecondPerEndpoint]),
      targets: { eventsPerSecond: TARGET_EVENTS_PER_SECOND, p99Ms: TARGET_P99_MS },
    };
    console.log(`saved ${saveResults('webhooks', results)}`);
  } finally {
    await janitor.dropAll();
  }
}

main()
  .then(() => process.exit(0))
  .catch((error) => {
    console.error(error);
    process.exit(1);
  });
