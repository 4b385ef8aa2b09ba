/**
 * Read-model query latency, server side: a program of BENCH_PARTNERS partners (the seed's program
 * as the rebuild benchmark loads it: about 21 events per partner over a year, 40 managers) is seeded
 * into a fresh schema and projected with a ProjectionHost into an empty read-model schema; then the
 * query functions the HTTP handlers call are timed in-process against that read model:
 * - listAllPartners filtered by one manager: the first page, and a page further (page 10) via its cursor;
 * - readManagerPerformance over one year, interval month, USD, attribution at-event and current
 *   (all managers, as the chart asks by default; and one manager's series).
 * Each query: warm-up, then BENCH_CALLS (500) sequential calls; prints p50/p99. Target p99 < 20 ms.
 *
 *   npm run build && node dist/bench/queries.bench.js
 *
 * Env: BENCH_PARTNERS (100000), BENCH_CALLS (500), BENCH_QUERY_SECONDS (no cap), BENCH_DATABASE_URL (postgres://root@127.0.0.1:5432/test).
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { createSqlClient, createSqlEventStore, type SqlClient } from '@partnerships/event-store';
import {
  ProjectionHost,
  allPartnersProjection,
  listAllPartners,
  managerPerformanceProjection,
  readManagerPerformance,
} from '@partnerships/projections';
import { BENCH_DATABASE_URL, percentile, saveResults } from './bench-report';
import { SchemaJanitor, envNumber, progress, readableLog, seedInChild, waitForHead } from './support/bench-harness';
import { PROGRAM_YEAR_END, PROGRAM_YEAR_START } from './support/program-generator';

const PARTNERS = envNumber('BENCH_PARTNERS', 100_000);
const CALLS = envNumber('BENCH_CALLS', 500);
const WARM_UP = Math.max(50, Math.round(CALLS / 5));
/**
 * Optional cap (seconds) on one query's timed calls, for a quick look: a query far over the target
 * then stops after at least 50 calls, and its `calls` says how many were made. 0 (default): no cap.
 */
const QUERY_SECONDS = Number(process.env.BENCH_QUERY_SECONDS ?? 0);
const TARGET_P99_MS = 20;
/** Which manager's partners are listed: one with an ordinary load (managers are unevenly loaded). */
const MANAGER_INDEX = 24;
const FURTHER_PAGE = 10;

interface QueryResult {
  readonly query: string;
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  readonly rows: number;
}

async function measure(query: string, call: () => Promise<number>): Promise<QueryResult> {
  let rows = 0;
  const warmUpUntil = QUERY_SECONDS > 0 ? performance.now() + (QUERY_SECONDS * 1000) / 5 : Infinity;
  for (let i = 0; i < WARM_UP && (i < 10 || performance.now() < warmUpUntil); i++) rows = await call();
  const latencies: number[] = [];
  const until = QUERY_SECONDS > 0 ? performance.now() + QUERY_SECONDS * 1000 : Infinity;
  for (let i = 0; i < CALLS && (i < 50 || performance.now() < until); i++) {
    const started = performance.now();
    await call();
    latencies.push(performance.now() - started);
  }
  const round = (ms: number) => Number(ms.toFixed(2));
  return {
    query,
    calls: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    meanMs: round(latencies.reduce((a, b) => a + b, 0) / latencies.length),
    maxMs: round(Math.max(...latencies)),
    rows,
  };
}

async function tableSizes(client: SqlClient): Promise<Record<string, number>> {
  const sizes: Record<string, number> = {};
  for (const table of ['all_partners_partners', 'all_partners_money', 'manager_performance_sales', 'manager_performance_customers']) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    sizes[table] = rows[0].n;
  }
  return sizes;
}

async function main(): Promise<void> {
  console.log(`bench:queries — ${PARTNERS.toLocaleString('en')} partners, ${CALLS} timed calls per query after ${WARM_UP} warm-up calls`);
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  const logSchema = janitor.name('bench_queries_log');
  const readModelSchema = janitor.name('bench_queries_rm');
  let opened: Awaited<ReturnType<typeof createSqlEventStore>> | null = null;
  let readModel: SqlClient | null = null;
  try {
    progress(`seeding ${PARTNERS.toLocaleString('en')} partners into schema ${logSchema}…`);
    const seedStarted = performance.now();
    const seeded = await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema, partners: PARTNERS });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(`seeding: ${seeded.events.toLocaleString('en')} events in ${seedSeconds.toFixed(1)} s`);
    const MANAGER = seeded.managerIds[Math.min(MANAGER_INDEX, seeded.managerIds.length - 1)];

    opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema });
    readModel = await createSqlClient({ databaseUrl: BENCH_DATABASE_URL, schema: readModelSchema });
    const { head, shares } = await readableLog(opened.store, opened.client);

    // Only the two read models these queries read.
    progress('projecting all-partners and manager-performance…');
    const projectStarted = performance.now();
    const host = new ProjectionHost([allPartnersProjection, managerPerformanceProjection], {
      store: opened.store,
      readModel,
      batchSize: 5_000,
      lagCounter: async () => 0,
    });
    host.start();
    try {
      await waitForHead(host, shares, head, projectStarted, 'projecting');
    } finally {
      await host.stop();
    }
    const projectSeconds = (performance.now() - projectStarted) / 1000;
    // What autovacuum would have done by the time anyone queries: fresh planner statistics.
    await readModel.exec('ANALYZE');
    const sizes = await tableSizes(readModel);
    console.log(`projected in ${projectSeconds.toFixed(1)} s (${Math.round(seeded.events / projectSeconds).toLocaleString('en')} events/s); rows: ${JSON.stringify(sizes)}`);

    const client = readModel;
    const manager = await listAllPartners(client, { managerId: MANAGER, limit: 1 });
    if (manager.items.length === 0) throw new Error(`manager ${MANAGER} has no partners`);
    // The cursor of page FURTHER_PAGE (or of the manager's last page on a small program), walked to once.
    let cursor: string | undefined;
    let managerPartners = 0;
    let furtherPage = 1;
    while (furtherPage < FURTHER_PAGE) {
      const result = await listAllPartners(client, { managerId: MANAGER, cursor });
      managerPartners += result.items.length;
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
      furtherPage++;
    }
    if (cursor === undefined) throw new Error(`manager ${MANAGER} has a single page`);
    const furtherCursor = cursor;
    const year = { from: new Date(PROGRAM_YEAR_START), to: new Date(PROGRAM_YEAR_END), interval: 'month' as const, currency: 'USD' };
    const seriesRows = (result: Awaited<ReturnType<typeof readManagerPerformance>>) => result.series.reduce((n, s) => n + s.buckets.length, 0);

    const queries: [string, () => Promise<number>][] = [
      [`listAllPartners managerId=${MANAGER}, first page`, async () => (await listAllPartners(client, { managerId: MANAGER })).items.length],
      [`listAllPartners managerId=${MANAGER}, page ${furtherPage} (cursor)`, async () => (await listAllPartners(client, { managerId: MANAGER, cursor: furtherCursor })).items.length],
      ['readManagerPerformance year, month, USD, at-event, all managers', async () => seriesRows(await readManagerPerformance(client, { ...year, attribution: 'at-event' }))],
      ['readManagerPerformance year, month, USD, current, all managers', async () => seriesRows(await readManagerPerformance(client, { ...year, attribution: 'current' }))],
      [`readManagerPerformance year, month, USD, at-event, managerId=${MANAGER}`, async () => seriesRows(await readManagerPerformance(client, { ...year, attribution: 'at-event', managerId: MANAGER }))],
      [`readManagerPerformance year, month, USD, current, managerId=${MANAGER}`, async () => seriesRows(await readManagerPerformance(client, { ...year, attribution: 'current', managerId: MANAGER }))],
    ];
    const results: QueryResult[] = [];
    for (const [name, call] of queries) {
      progress(`timing ${name}…`);
      const result = await measure(name, call);
      results.push(result);
    }

    console.log(`\n${'query'.padEnd(72)} p50 ms   p99 ms   calls  rows`);
    for (const r of results) {
      console.log(`${r.query.padEnd(72)} ${String(r.p50Ms).padEnd(8)} ${String(r.p99Ms).padEnd(8)} ${String(r.calls).padEnd(6)} ${r.rows}${r.p99Ms < TARGET_P99_MS ? '' : `   (p99 over the ${TARGET_P99_MS} ms target)`}`);
    }
    const saved = saveResults('queries', {
      benchmark: 'queries',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, database: 'PostgreSQL (BENCH_DATABASE_URL)' },
      partners: PARTNERS,
      events: seeded.events,
      managers: seeded.managerIds.length,
      manager: { id: MANAGER, furtherPage, partnersBeforeFurtherPage: managerPartners },
      readModelRows: sizes,
      seedingSeconds: Number(seedSeconds.toFixed(2)),
      projectingSeconds: Number(projectSeconds.toFixed(2)),
      warmUpCalls: WARM_UP,
      targetP99Ms: TARGET_P99_MS,
      queries: results,
    });
    console.log(`saved ${saved}`);
  } finally {
    await readModel?.close();
    if (opened !== null) await opened.store.close();
    await janitor.dropAll();
    janitor.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
