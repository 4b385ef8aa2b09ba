/**
 * Rebuild throughput: seeds a log of BENCH_EVENTS events (a year of the seed's program, about
 * 56,000 partners and 40 managers per million events, decided by the real deciders, see support/) into a fresh
 * PostgreSQL schema, then rebuilds ALL projections from position zero into an empty read-model
 * schema with rebuildProjections (the log read once for all, then each swapped in), timed to the end. Prints events/s
 * per run and the median, the peak RSS of this process (sampled every 50 ms) and the batch size.
 *
 *   npm run build && node dist/bench/rebuild.bench.js
 *
 * Env: BENCH_EVENTS (1000000), BENCH_RUNS (3), BENCH_BATCH_SIZE (runner page/transaction size,
 * default 10000: best of 1,000 / 5,000 / 10,000 measured at 1M events: 6.5k / 9.1k / 11.2k events/s),
 * BENCH_DATABASE_URL (postgres://root@127.0.0.1:5432/test), BENCH_BATCH_SWEEP (e.g.
 * 1000,5000,10000: one more rebuild per size on the same log), BENCH_PROFILE=1 (where the time
 * goes: readAll alone, then each projection alone with its statements timed).
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import { createSqlClient, createSqlEventStore, type EventStore, type LogPosition, type SqlClient } from '@partnerships/event-store';
import {
  allPartnersProjection,
  clearanceProjection,
  managerContactProjection,
  managerPerformanceProjection,
  rebuildProjections,
  type Projection,
} from '@partnerships/projections';
import { BENCH_DATABASE_URL, median, saveResults } from './bench-report';
import {
  LogShares,
  RssSampler,
  SchemaJanitor,
  Timings,
  envNumber,
  mib,
  progress,
  readableLog,
  seedInChild,
  timedProjection,
  timedSqlClient,
  timedStore,
} from './support/bench-harness';
import { partnersFor } from './support/program-generator';

const EVENTS = envNumber('BENCH_EVENTS', 1_000_000);
const RUNS = envNumber('BENCH_RUNS', 3);
const BATCH_SIZE = envNumber('BENCH_BATCH_SIZE', 10_000);
const SWEEP = (process.env.BENCH_BATCH_SWEEP ?? '').split(',').filter((s) => s.trim() !== '').map(Number);
const PROFILE = process.env.BENCH_PROFILE === '1';
const PARTNERS = partnersFor(EVENTS);

const ALL_PROJECTIONS: readonly Projection[] = [
  allPartnersProjection,
  clearanceProjection,
  managerContactProjection,
  managerPerformanceProjection,
];

interface RebuildResult {
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly peakRssMiB: number;
  /** Seconds from start until each runner had applied the head. */
  readonly reachedHeadSeconds: Record<string, number>;
}

interface Log {
  readonly store: EventStore;
  readonly shares: LogShares;
  readonly head: LogPosition;
}

/** One rebuild into a fresh read-model schema, dropped afterwards. */
async function rebuild(
  janitor: SchemaJanitor,
  log: Log,
  projections: readonly Projection[],
  batchSize: number,
  label: string,
  instrument?: { timings: Timings },
): Promise<RebuildResult & { readModelCheck: Record<string, number> }> {
  const schema = janitor.name('bench_rebuild_rm');
  const plainClient = await createSqlClient({ databaseUrl: BENCH_DATABASE_URL, schema });
  try {
    const readModel: SqlClient = instrument ? timedSqlClient(plainClient, instrument.timings) : plainClient;
    const store = instrument ? timedStore(log.store, instrument.timings) : log.store;
    const rss = new RssSampler(50);
    const started = performance.now();
    const reachedHeadSeconds: Record<string, number> = {};
    let lastReport = started;
    // The real operation: read the log once for all projections into new tables, then swap them in.
    await rebuildProjections(instrument ? projections.map((p) => timedProjection(p, instrument.timings)) : projections, {
      store,
      readModel,
      batchSize,
      // Lag is never asked for here; the default counter would read the log to answer.
      lagCounter: async () => 0,
      progressIntervalMs: 100,
      onProgress: (step) => {
        const now = performance.now();
        if (step.phase === 'swapping') reachedHeadSeconds[step.projection] = (now - started) / 1000;
        if (step.phase === 'building' && now - lastReport > 5_000) {
          lastReport = now;
          progress(`  [${label}] ${((now - started) / 1000).toFixed(0)} s: ${((log.shares.eventsThrough(step.position) / log.shares.total) * 100).toFixed(0)}%`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const peakRss = rss.stop();
    const readModelCheck = await countRows(plainClient, projections);
    return { seconds, eventsPerSecond: EVENTS / seconds, peakRssMiB: mib(peakRss), reachedHeadSeconds, readModelCheck };
  } finally {
    await plainClient.close();
    await janitor.drop(schema);
  }
}

/** Row counts of the main tables: a sanity check that the rebuild projected the program. */
async function countRows(client: SqlClient, projections: readonly Projection[]): Promise<Record<string, number>> {
  const tables: Record<string, string> = {
    'all-partners': 'all_partners_partners',
    clearance: 'clearance_obligations',
    'manager-contact': 'manager_contact_partners',
    'manager-performance': 'manager_performance_sales',
  };
  const counts: Record<string, number> = {};
  for (const projection of projections) {
    const table = tables[projection.name];
    if (table === undefined) continue;
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    counts[table] = rows[0].n;
  }
  return counts;
}

/** The runner's read path alone: the whole log, page by page, as one runner reads it. */
async function readAllAlone(store: EventStore, batchSize: number): Promise<{ seconds: number; eventsPerSecond: number; pages: number }> {
  const started = performance.now();
  let after: LogPosition | null = null;
  let pages = 0;
  let events = 0;
  for (;;) {
    const page = await store.readAll({ after, limit: batchSize });
    if (page.length === 0) break;
    pages++;
    events += page.length;
    after = page[page.length - 1].position;
  }
  const seconds = (performance.now() - started) / 1000;
  return { seconds, eventsPerSecond: events / seconds, pages };
}

async function main(): Promise<void> {
  console.log(`bench:rebuild — ${EVENTS.toLocaleString('en')} events, ${PARTNERS.toLocaleString('en')} partners, batch size ${BATCH_SIZE}, ${RUNS} runs`);
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  const logSchema = janitor.name('bench_rebuild_log');
  let opened: Awaited<ReturnType<typeof createSqlEventStore>> | null = null;
  try {
    progress(`seeding ${EVENTS.toLocaleString('en')} events into schema ${logSchema}…`);
    const seedStarted = performance.now();
    const seeded = await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema, partners: PARTNERS, maxEvents: EVENTS });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `seeding: ${seedSeconds.toFixed(1)} s in all (generate ${seeded.generateSeconds.toFixed(1)} s, insert ${seeded.insertSeconds.toFixed(1)} s = ` +
        `${Math.round(seeded.events / seeded.insertSeconds).toLocaleString('en')} events/s, analyze + verify ${seeded.verifySeconds.toFixed(1)} s)`,
    );

    opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema });
    const store = opened.store;
    const { head, shares } = await readableLog(store, opened.client);
    const log: Log = { store, shares, head };

    const runs: RebuildResult[] = [];
    let readModelCheck: Record<string, number> = {};
    for (let run = 0; run < RUNS; run++) {
      progress(`rebuild run ${run + 1}/${RUNS}…`);
      const result = await rebuild(janitor, log, ALL_PROJECTIONS, BATCH_SIZE, `run ${run + 1}`);
      readModelCheck = result.readModelCheck;
      const { readModelCheck: _check, ...kept } = result;
      runs.push(kept);
      const reached = Object.entries(result.reachedHeadSeconds).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ');
      console.log(`  run ${run + 1}/${RUNS}: ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s, peak RSS ${result.peakRssMiB} MiB (at head: ${reached})`);
    }
    const medianEventsPerSecond = Math.round(median(runs.map((r) => r.eventsPerSecond)));
    const peakRssMiB = Math.max(...runs.map((r) => r.peakRssMiB));

    const sweep: { batchSize: number; seconds: number; eventsPerSecond: number; peakRssMiB: number }[] = [];
    for (const batchSize of SWEEP) {
      progress(`sweep: batch size ${batchSize}…`);
      const result = await rebuild(janitor, log, ALL_PROJECTIONS, batchSize, `batch ${batchSize}`);
      sweep.push({ batchSize, seconds: Number(result.seconds.toFixed(2)), eventsPerSecond: Math.round(result.eventsPerSecond), peakRssMiB: result.peakRssMiB });
      console.log(`  batch size ${String(batchSize).padEnd(6)} ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s, peak RSS ${result.peakRssMiB} MiB`);
    }

    let profile: unknown = null;
    if (PROFILE) {
      progress('profile: readAll alone…');
      const readAll = await readAllAlone(store, BATCH_SIZE);
      console.log(`\nprofile (batch size ${BATCH_SIZE}):\n  readAll alone: ${readAll.seconds.toFixed(1)} s for ${readAll.pages} pages, ${Math.round(readAll.eventsPerSecond).toLocaleString('en')} events/s`);
      const alone: Record<string, unknown> = {};
      for (const projection of ALL_PROJECTIONS) {
        progress(`profile: ${projection.name} alone…`);
        const timings = new Timings();
        const result = await rebuild(janitor, log, [projection], BATCH_SIZE, `${projection.name} alone`, { timings });
        const steps = timings.table();
        alone[projection.name] = { seconds: Number(result.seconds.toFixed(2)), eventsPerSecond: Math.round(result.eventsPerSecond), steps };
        console.log(`  ${projection.name} alone: ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s`);
        for (const step of steps) console.log(`      ${step.seconds.toFixed(2).padStart(7)} s  ${String(step.calls).padStart(5)}×  ${step.step}`);
      }
      profile = { readAllAlone: { ...readAll, seconds: Number(readAll.seconds.toFixed(2)), eventsPerSecond: Math.round(readAll.eventsPerSecond) }, projectionsAlone: alone };
    }

    console.log(`\nbatch size ${BATCH_SIZE}: median ${medianEventsPerSecond.toLocaleString('en')} events/s over ${RUNS} runs, peak RSS ${peakRssMiB} MiB`);
    const results = {
      benchmark: 'rebuild',
      date: new Date().toISOString(),
      machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, database: 'PostgreSQL (BENCH_DATABASE_URL)' },
      events: seeded.events,
      partners: seeded.partners,
      managers: seeded.managerIds.length,
      eventsByType: seeded.countsByType,
      seeding: {
        seconds: Number(seedSeconds.toFixed(2)),
        generateSeconds: Number(seeded.generateSeconds.toFixed(2)),
        insertSeconds: Number(seeded.insertSeconds.toFixed(2)),
        insertEventsPerSecond: Math.round(seeded.events / seeded.insertSeconds),
        method: 'bulk INSERT … SELECT FROM jsonb_array_elements($1) WITH ORDINALITY, one transaction per 10,000 events, positions (txid << 20) + i (see bench/support/seed-log.ts)',
      },
      projections: ALL_PROJECTIONS.map((p) => p.name),
      batchSize: BATCH_SIZE,
      runs: runs.map((r) => ({ ...r, seconds: Number(r.seconds.toFixed(2)), eventsPerSecond: Math.round(r.eventsPerSecond), reachedHeadSeconds: Object.fromEntries(Object.entries(r.reachedHeadSeconds).map(([k, v]) => [k, Number(v.toFixed(2))])) })),
      eventsPerSecondMedian: medianEventsPerSecond,
      peakRssMiB,
      readModelRows: readModelCheck,
      batchSizeSweep: sweep,
      profile,
    };
    console.log(`saved ${saveResults('rebuild', results)}`);
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
