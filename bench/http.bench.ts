/**
 * The HTTP path as a new user would try it: a standard load generator (autocannon, 32
 * connections, sharing the machine's cores with the server) against the API listening in a
 * process of its own, on PostgreSQL, with an API key on every request.
 *
 * - Writes: lead referrals (`POST /v1/partners/:id/leads`) spread over enabled partners, beside
 *   the same command on the CommandBus alone in this process (32 concurrent callers, projections
 *   off in both), runs alternating so that drift on the machine falls on both; the ratio is
 *   HTTP / bus.
 * - Reads: the All Partners page filtered by one manager (`GET /v1/partners?managerId=…`) on a
 *   seeded program of BENCH_PARTNERS partners, projected by the server before the runs.
 *
 *   npm run bench:http
 *
 * Env: BENCH_SECONDS (10 per run), BENCH_RUNS (5), BENCH_PARTNERS (20000), BENCH_ONLY (writes|reads),
 * BENCH_SERVER_PROFILE=1 (the server writes a .cpuprofile on stop), BENCH_DATABASE_URL.
 * Targets: HTTP writes ≥ 70 % of the bus; reads ≥ 5,000 requests/s with p99 ≤ 20 ms.
 */
import 'reflect-metadata';
import autocannon from 'autocannon';
import { NestFactory } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { cpus } from 'node:os';
import { loadConfig } from '@partnerships/config';
import { createSqlEventStore, systemContext } from '@partnerships/event-store';
import { AppModule } from '../apps/api/src/app.module';
import { RunPartnershipCommand } from '../apps/api/src/partners/shared/run-partnership-command';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';
import { startApiServer } from './support/api-server.process';
import { SchemaJanitor, envNumber, progress, seedInChild } from './support/bench-harness';

const CONNECTIONS = 32;
const SECONDS = envNumber('BENCH_SECONDS', 10);
const RUNS = envNumber('BENCH_RUNS', 5);
const PARTNERS = envNumber('BENCH_PARTNERS', 20_000);
/** Partners the lead referrals are spread over. */
const LEAD_PARTNERS = 1_000;
const OWNER_KEY = 'bench-owner-key-0123456789abcdef';
const HEADERS = { 'content-type': 'application/json', authorization: `Bearer ${OWNER_KEY}` } as const;
/**
 * A fresh copy for every autocannon request: autocannon writes `Content-Length` into the headers
 * object it is given, and a GET sent later with the writes' Content-Length has its next request
 * read as its body (half the reads then answered 400 by Node's parser).
 */
const headers = (): Record<string, string> => ({ ...HEADERS });
const TARGET_WRITE_RATIO = 0.7;
const TARGET_READS_PER_SECOND = 5_000;
const TARGET_READ_P99_MS = 20;
/** `writes` or `reads` to run one half (for profiling); the figures are saved only from a whole run. */
const ONLY = process.env.BENCH_ONLY;

interface Figure {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
}

const leadBody = (lead: number) => JSON.stringify({ leadId: `l${lead}`, customerName: `Customer ${lead}`, estimatedValue: { amountMinor: 100_000, currency: 'USD' } });
const partnerOf = (lead: number) => `lead-partner-${lead % LEAD_PARTNERS}`;

/** One autocannon run; every answer must be 2xx. */
async function load(options: autocannon.Options): Promise<Figure> {
  let problem = '';
  const result = await autocannon({
    connections: CONNECTIONS,
    duration: SECONDS,
    ...options,
    // The first problem+json answer, to say what went wrong.
    setupClient: (client) => client.on('body', (body: Buffer) => (problem ||= /"code":"/.test(body.toString()) ? body.toString().slice(0, 300) : '')),
  });
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx answers (${JSON.stringify(result.statusCodeStats)}), ${result.errors} errors, ${result.timeouts} timeouts; ${problem}`);
  }
  return { requestsPerSecond: Math.round(result.requests.total / (result.duration || SECONDS)), p50Ms: result.latency.p50, p99Ms: result.latency.p99 };
}

/** Lead referrals over HTTP: each request a new lead, round-robin over the enabled partners. */
function httpWrites(url: string, firstLead: number): Promise<Figure> {
  let lead = firstLead;
  return load({
    url,
    requests: [
      {
        method: 'POST',
        setupRequest: (request) => {
          lead += 1;
          return { ...request, path: `/v1/partners/${partnerOf(lead)}/leads`, headers: headers(), body: leadBody(lead) };
        },
      },
    ],
  });
}

/** The same command on the bus alone: 32 callers, each awaiting its answer before the next. */
async function busWrites(bus: CommandBus, firstLead: number): Promise<Figure> {
  let lead = firstLead;
  const latencies: number[] = [];
  const deadline = performance.now() + SECONDS * 1000;
  const caller = async () => {
    while (performance.now() < deadline) {
      lead += 1;
      const partnerId = partnerOf(lead);
      const leadId = `l${lead}`;
      const context = systemContext();
      const started = performance.now();
      await bus.execute(
        new RunPartnershipCommand(
          { type: 'ReferLead', data: { partnerId, leadId, customerName: `Customer ${lead}`, customerEmail: null, estimatedValue: { amountMinor: 100_000, currency: 'USD' } }, metadata: { now: context.occurredAt } },
          context,
        ),
      );
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONNECTIONS }, caller));
  const seconds = (performance.now() - started) / 1000;
  return { requestsPerSecond: Math.round(latencies.length / seconds), p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) };
}

/** Selected, onboarded and enabled, so that each can refer leads. */
async function enablePartnersOverHttp(url: string): Promise<void> {
  const steps = (index: number): Array<[string, unknown]> => {
    const partnerId = `lead-partner-${index}`;
    return [
      ['/v1/partners', { partnerId, name: `Partner ${index}`, contactEmail: `${partnerId}@bench.example`, type: 'referral' }],
      [`/v1/partners/${partnerId}/onboard`, {}],
      [`/v1/partners/${partnerId}/enable`, {}],
    ];
  };
  const queue = Array.from({ length: LEAD_PARTNERS }, (_, index) => index);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        for (const [path, body] of steps(index)) {
          const response = await fetch(`${url}${path}`, { method: 'POST', headers: HEADERS, body: JSON.stringify(body) });
          if (response.status >= 300) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
        }
      }
    }),
  );
}

async function enablePartnersOnBus(bus: CommandBus): Promise<void> {
  for (let index = 0; index < LEAD_PARTNERS; index++) {
    const partnerId = `lead-partner-${index}`;
    const send = (command: (now: Date) => RunPartnershipCommand['command']) => {
      const context = systemContext();
      return bus.execute(new RunPartnershipCommand(command(context.occurredAt), context));
    };
    await send((now) => ({ type: 'SelectPartner', data: { partnerId, name: `Partner ${index}`, contactName: null, contactEmail: `${partnerId}@bench.example`, type: 'referral', tier: null, reason: null }, metadata: { now } }));
    await send((now) => ({ type: 'OnboardPartner', data: { partnerId, notes: null }, metadata: { now } }));
    await send((now) => ({ type: 'EnablePartner', data: { partnerId, notes: null }, metadata: { now } }));
  }
}

async function benchWrites(janitor: SchemaJanitor) {
  const busSchema = janitor.name('bench_http_bus');
  const httpSchema = janitor.name('bench_http_writes');
  const opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema: busSchema });
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({ config: loadConfig({ LOG_LEVEL: 'silent' }), store: { ...opened, logClient: opened.client, close: () => opened.store.close() }, projections: false }),
    { logger: false },
  );
  const bus = app.get(CommandBus);
  const server = await startApiServer({ BENCH_DATABASE_URL, BENCH_SCHEMA: httpSchema, BENCH_OWNER_KEY: OWNER_KEY });
  try {
    progress(`writes: enabling ${LEAD_PARTNERS} partners on each side…`);
    await enablePartnersOnBus(bus);
    await enablePartnersOverHttp(server.url);
    await busWrites(bus, 10_000_000); // warm-up: JIT, pools, caches
    await httpWrites(server.url, 10_000_000);
    const runs: { bus: Figure[]; http: Figure[] } = { bus: [], http: [] };
    for (let run = 0; run < RUNS; run++) {
      for (const side of run % 2 === 0 ? (['bus', 'http'] as const) : (['http', 'bus'] as const)) {
        const firstLead = (run + 1) * 20_000_000;
        const figure = side === 'bus' ? await busWrites(bus, firstLead) : await httpWrites(server.url, firstLead);
        runs[side].push(figure);
        console.log(`  writes, ${side === 'bus' ? 'CommandBus' : 'HTTP      '} run ${run + 1}/${RUNS}: ${figure.requestsPerSecond} /s, p50 ${figure.p50Ms.toFixed(1)} ms, p99 ${figure.p99Ms.toFixed(1)} ms`);
      }
    }
    return {
      bus: summary(runs.bus),
      http: summary(runs.http),
      // Each HTTP run against the bus run next to it.
      pairedRatioMedian: Number(median(runs.http.map((figure, i) => figure.requestsPerSecond / runs.bus[i].requestsPerSecond)).toFixed(3)),
    };
  } finally {
    await server.stop();
    await app.close();
  }
}

/** Until every projection of the server is live at the log's head. */
async function projectionsCaughtUp(url: string): Promise<void> {
  for (let reported = 0; ; ) {
    const response = await fetch(`${url}/v1/projections`, { headers: HEADERS });
    const { items } = (await response.json()) as { items: Array<{ name: string; state: string; lag: number | null }> };
    const behind = items.reduce((sum, item) => sum + (item.lag ?? 0), 0);
    if (items.every((item) => item.state === 'live' && item.lag === 0)) return;
    if (items.some((item) => item.state === 'failed')) throw new Error(`a projection failed: ${JSON.stringify(items)}`);
    if (Date.now() - reported > 10_000) {
      reported = Date.now();
      progress(`  projecting: ${behind.toLocaleString('en')} events behind`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function benchReads(janitor: SchemaJanitor) {
  const schema = janitor.name('bench_http_reads');
  progress(`reads: seeding ${PARTNERS.toLocaleString('en')} partners…`);
  const seeded = await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema, partners: PARTNERS });
  const manager = seeded.managerIds[Math.min(24, seeded.managerIds.length - 1)];
  const server = await startApiServer({ BENCH_DATABASE_URL, BENCH_SCHEMA: schema, BENCH_OWNER_KEY: OWNER_KEY, BENCH_PROJECTIONS: 'on' });
  try {
    await projectionsCaughtUp(server.url);
    const path = `/v1/partners?managerId=${manager}`;
    const first = (await (await fetch(`${server.url}${path}`, { headers: HEADERS })).json()) as { items: unknown[] };
    if (first.items.length === 0) throw new Error(`${path} lists no partner`);
    const request = { url: `${server.url}${path}`, headers: headers() };
    await load(request); // warm-up
    const runs: Figure[] = [];
    for (let run = 0; run < RUNS; run++) {
      const figure = await load(request);
      runs.push(figure);
      console.log(`  reads, GET ${path} run ${run + 1}/${RUNS}: ${figure.requestsPerSecond} /s, p50 ${figure.p50Ms} ms, p99 ${figure.p99Ms.toFixed(1)} ms`);
    }
    return { events: seeded.events, partners: seeded.partners, manager, itemsPerPage: first.items.length, ...summary(runs) };
  } finally {
    await server.stop();
  }
}

function summary(figures: readonly Figure[]) {
  return {
    requestsPerSecondMedian: Math.round(median(figures.map((figure) => figure.requestsPerSecond))),
    p50MsMedian: median(figures.map((figure) => figure.p50Ms)),
    p99MsMedian: median(figures.map((figure) => figure.p99Ms)),
    runs: figures,
  };
}

async function main(): Promise<void> {
  console.log(`bench:http — autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run, ${RUNS} runs, PostgreSQL, an API key on every request`);
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  try {
    const writes = ONLY === 'reads' ? null : await benchWrites(janitor);
    const reads = ONLY === 'writes' ? null : await benchReads(janitor);
    const writeRatio = writes && Number((writes.http.requestsPerSecondMedian / writes.bus.requestsPerSecondMedian).toFixed(3));
    console.log('\n                                   requests/s (median)   p50 ms   p99 ms');
    const row = (label: string, figure: ReturnType<typeof summary>) =>
      console.log(`${label.padEnd(35)}${String(figure.requestsPerSecondMedian).padEnd(22)}${figure.p50MsMedian.toFixed(2).padEnd(9)}${figure.p99MsMedian.toFixed(2)}`);
    if (writes) {
      row('lead referrals, CommandBus alone', writes.bus);
      row('lead referrals, HTTP', writes.http);
      console.log(`HTTP writes / bus: ${writeRatio} (paired runs: ${writes.pairedRatioMedian}; target ≥ ${TARGET_WRITE_RATIO})`);
    }
    if (reads) {
      row('All Partners by manager, HTTP', reads);
      console.log(`reads: target ≥ ${TARGET_READS_PER_SECOND} requests/s with p99 ≤ ${TARGET_READ_P99_MS} ms`);
    }
    // Only a complete run replaces the figures kept in the repository.
    if (!writes || !reads) return;
    const results = {
      benchmark: 'http',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version },
      loadGenerator: `autocannon, ${CONNECTIONS} connections, ${SECONDS} s per run`,
      runs: RUNS,
      writes: { ...writes, ratioHttpToBus: writeRatio, target: TARGET_WRITE_RATIO },
      reads: { ...reads, target: { requestsPerSecond: TARGET_READS_PER_SECOND, p99Ms: TARGET_READ_P99_MS } },
    };
    console.log(`saved ${saveResults('http', results)}`);
  } finally {
    await janitor.dropAll();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
