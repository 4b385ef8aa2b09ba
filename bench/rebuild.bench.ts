/**
 * Rebuild throughput: seeds a log of BENCH_EVENTS events (a year of the seed's program, about
 * 56,000 partners and 40 managers per million events, decided by the real deciders, see support/) into a fresh
 * PostgreSQL schema, then rebuilds ALL projections from position zero into an empty read-model
 * schema with rebuildProjections (the bulk path: the log folded in memory, COPY, indexes built
 * after, then each swapped in), timed to the end. Prints events/s per run and the median, the
 * peak RSS of this process (sampled every 50 ms), how often the fold wrote, and a checksum per
 * table compared with one rebuild through the live path (bulk: false) of the same log. Then the
 * same log imported into PGlite on disk, rebuilt the same way there: its figure beside.
 *
 *   npm run bench:rebuild
 *   BENCH_EVENTS=10000000 BENCH_RUNS=1 BENCH_LIVE_PATH=0 BENCH_PGLITE=0 npm run bench:rebuild   (manual: the 10M run)
 *
 * Env: BENCH_EVENTS (1000000), BENCH_RUNS (3), BENCH_LIVE_PATH (1: also rebuild through the live
 * path once and compare the checksums), BENCH_PGLITE (1), REBUILD_MEMORY_MB (512, the fold's
 * budget), BENCH_SEED_PART_EVENTS (1000000: larger logs are seeded as several programs, each with
 * its own seed and ids, since the generator holds a program in memory), BENCH_BATCH_SIZE (page size of the fold and of the runner's catch-up,
 * default 10000: best of 1,000 / 5,000 / 10,000 measured at 1M events: 6.5k / 9.1k / 11.2k events/s),
 * BENCH_DATABASE_URL (postgres://root@127.0.0.1:5432/test), BENCH_BATCH_SWEEP (e.g.
 * 1000,5000,10000: one more rebuild per size on the same log), BENCH_PROFILE=1 (where the time
 * goes: readAll alone, then each projection alone with its statements timed).
 */
import 'reflect-metadata';
import { cpus, totalmem } from 'node:os';
import {
  createSqlClient,
  createSqlEventStore,
  logPages,
  type EventStore,
  type ImportedEvent,
  type LogPosition,
  type RecordedEvent,
  type SqlClient,
} from '@partnerships/event-store';
import {
  allPartnersProjection,
  clearanceProjection,
  managerContactProjection,
  managerPerformanceProjection,
  rebuildProjections,
  SchemaScopedClient,
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
import { ScratchStores } from './support/scratch-stores';
import type { SeedSummary } from './support/seed-log';

/** A store's pages as the events an import takes: where each was, and when it was recorded. */
async function* asImported(pages: AsyncIterable<RecordedEvent[]>): AsyncGenerator<ImportedEvent> {
  for await (const page of pages) {
    for (const { eventId, type, data, metadata, streamId, version, recordedAt } of page) {
      yield { eventId, type, data, metadata, streamId, version, recordedAt };
    }
  }
}

const EVENTS = envNumber('BENCH_EVENTS', 1_000_000);
const RUNS = envNumber('BENCH_RUNS', 3);
const BATCH_SIZE = envNumber('BENCH_BATCH_SIZE', 10_000);
const SWEEP = (process.env.BENCH_BATCH_SWEEP ?? '').split(',').filter((s) => s.trim() !== '').map(Number);
const PROFILE = process.env.BENCH_PROFILE === '1';
const LIVE_PATH = process.env.BENCH_LIVE_PATH !== '0';
const PGLITE = process.env.BENCH_PGLITE !== '0';
const MEMORY_MB = envNumber('REBUILD_MEMORY_MB', 512);
/** The generator holds a whole program in memory (about 3 GiB per million events): larger logs are seeded in parts. */
const SEED_PART_EVENTS = envNumber('BENCH_SEED_PART_EVENTS', 1_000_000);
const SEED_PARTS = Array.from({ length: Math.ceil(EVENTS / SEED_PART_EVENTS) }, (_, part) => Math.min(SEED_PART_EVENTS, EVENTS - part * SEED_PART_EVENTS));
const PARTNERS = SEED_PARTS.reduce((partners, events) => partners + partnersFor(events), 0);

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
  /** How many times the bulk fold wrote what it held (0: the live path). */
  readonly bulkWrites: number;
}

interface Log {
  readonly store: EventStore;
  readonly shares: LogShares;
  readonly head: LogPosition;
}

/**
 * EVENTS into `schema`, one child process per part of at most SEED_PART_EVENTS, each part a
 * program of its own (its own seed, so its own ids), appended after the ones before.
 */
async function seedInParts(schema: string): Promise<SeedSummary> {
  const summaries: SeedSummary[] = [];
  for (const [part, events] of SEED_PARTS.entries()) {
    if (SEED_PARTS.length > 1) progress(`seed part ${part + 1}/${SEED_PARTS.length}: ${events.toLocaleString('en')} events`);
    summaries.push(
      await seedInChild({ databaseUrl: BENCH_DATABASE_URL, schema, partners: partnersFor(events), maxEvents: events, seed: 20250101 + part }),
    );
  }
  const sum = (pick: (summary: SeedSummary) => number) => summaries.reduce((total, summary) => total + pick(summary), 0);
  const countsByType: Record<string, number> = {};
  for (const summary of summaries) {
    for (const [type, count] of Object.entries(summary.countsByType)) countsByType[type] = (countsByType[type] ?? 0) + count;
  }
  return {
    events: sum((s) => s.events),
    partners: sum((s) => s.partners),
    managerIds: summaries.flatMap((s) => s.managerIds),
    countsByType,
    generateSeconds: sum((s) => s.generateSeconds),
    insertSeconds: sum((s) => s.insertSeconds),
    verifySeconds: sum((s) => s.verifySeconds),
  };
}

/** An empty read model for one rebuild, and what removes it. */
interface ReadModelTarget {
  readonly client: SqlClient;
  dispose(): Promise<void>;
}

/** A fresh PostgreSQL schema of its own. */
function postgresReadModel(janitor: SchemaJanitor): () => Promise<ReadModelTarget> {
  return async () => {
    const schema = janitor.name('bench_rebuild_rm');
    const client = await createSqlClient({ databaseUrl: BENCH_DATABASE_URL, schema });
    return {
      client,
      dispose: async () => {
        await client.close();
        await janitor.drop(schema);
      },
    };
  };
}

/** A fresh schema in the PGlite database that holds the log, as the embedded default keeps both. */
function pgliteReadModel(database: SqlClient): () => Promise<ReadModelTarget> {
  let count = 0;
  return async () => {
    const schema = `bench_rebuild_rm_${++count}`;
    await database.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    return { client: new SchemaScopedClient(database, schema), dispose: () => database.exec(`DROP SCHEMA ${schema} CASCADE`) };
  };
}

interface RebuildRun {
  readonly readModel: () => Promise<ReadModelTarget>;
  /** false: the live path (runners, batch by batch), for the checksums to compare with. */
  readonly bulk?: boolean;
  readonly instrument?: { timings: Timings };
}

/** One rebuild into a fresh read model, removed afterwards. */
async function rebuild(
  log: Log,
  projections: readonly Projection[],
  batchSize: number,
  label: string,
  run: RebuildRun,
): Promise<RebuildResult & { readModelCheck: Record<string, number>; checksums: Record<string, string> }> {
  const target = await run.readModel();
  const { instrument } = run;
  try {
    const readModel: SqlClient = instrument ? timedSqlClient(target.client, instrument.timings) : target.client;
    const store = instrument ? timedStore(log.store, instrument.timings) : log.store;
    const rss = new RssSampler(50);
    const started = performance.now();
    const reachedHeadSeconds: Record<string, number> = {};
    let lastReport = started;
    // The real operation: read the log once for all projections into new tables, then swap them in.
    const results = await rebuildProjections(instrument ? projections.map((p) => timedProjection(p, instrument.timings)) : projections, {
      store,
      readModel,
      batchSize,
      bulk: run.bulk ?? true,
      memoryBudgetMb: MEMORY_MB,
      // Lag is never asked for here; the default counter would read the log to answer.
      lagCounter: async () => 0,
      progressIntervalMs: 100,
      onProgress: (step) => {
        const now = performance.now();
        if (step.phase === 'swapping') reachedHeadSeconds[step.projection] = (now - started) / 1000;
        if (step.phase === 'building' && now - lastReport > 5_000) {
          lastReport = now;
          progress(`  [${label}] ${((now - started) / 1000).toFixed(0)} s: ${step.projection} ${((step.appliedEvents / log.shares.total) * 100).toFixed(0)}%`);
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const peakRss = rss.stop();
    const readModelCheck = await countRows(target.client, projections);
    const checksums = await tableChecksums(target.client, projections);
    const bulkWrites = Math.max(0, ...results.map((result) => result.bulkWrites));
    return { seconds, eventsPerSecond: EVENTS / seconds, peakRssMiB: mib(peakRss), reachedHeadSeconds, bulkWrites, readModelCheck, checksums };
  } finally {
    await target.dispose();
  }
}

/** md5 of each table's rows as JSON, sorted, in UTC: equal checksums, equal tables. */
async function tableChecksums(client: SqlClient, projections: readonly Projection[]): Promise<Record<string, string>> {
  const checksums: Record<string, string> = {};
  for (const table of projections.flatMap((projection) => projection.tables)) {
    checksums[table] = await client.transaction(async (tx) => {
      await tx.exec(`SET LOCAL TIME ZONE 'UTC'`);
      const { rows } = await tx.query<{ md5: string | null }>(
        `SELECT md5(string_agg(row, E'\\n' ORDER BY row)) AS md5 FROM (SELECT to_jsonb(t)::text AS row FROM ${table} t) AS rows`,
      );
      return rows[0].md5 ?? 'empty';
    });
  }
  return checksums;
}

/** The names of the tables whose checksums differ. */
function differingTables(a: Record<string, string>, b: Record<string, string>): string[] {
  return Object.keys(a).filter((table) => a[table] !== b[table]);
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
    const seeded = await seedInParts(logSchema);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    console.log(
      `seeding: ${seedSeconds.toFixed(1)} s in all (generate ${seeded.generateSeconds.toFixed(1)} s, insert ${seeded.insertSeconds.toFixed(1)} s = ` +
        `${Math.round(seeded.events / seeded.insertSeconds).toLocaleString('en')} events/s, analyze + verify ${seeded.verifySeconds.toFixed(1)} s)`,
    );

    opened = await createSqlEventStore({ databaseUrl: BENCH_DATABASE_URL, schema: logSchema });
    const store = opened.store;
    const { head, shares } = await readableLog(store, opened.client);
    const log: Log = { store, shares, head };

    const postgres = postgresReadModel(janitor);
    const runs: RebuildResult[] = [];
    let readModelCheck: Record<string, number> = {};
    let checksums: Record<string, string> = {};
    for (let run = 0; run < RUNS; run++) {
      progress(`rebuild run ${run + 1}/${RUNS}…`);
      const result = await rebuild(log, ALL_PROJECTIONS, BATCH_SIZE, `run ${run + 1}`, { readModel: postgres });
      readModelCheck = result.readModelCheck;
      if (run > 0 && differingTables(checksums, result.checksums).length > 0) throw new Error(`run ${run + 1} built other tables than run 1`);
      checksums = result.checksums;
      const { readModelCheck: _check, checksums: _sums, ...kept } = result;
      runs.push(kept);
      const reached = Object.entries(result.reachedHeadSeconds).map(([name, s]) => `${name} ${s.toFixed(1)} s`).join(', ');
      console.log(
        `  run ${run + 1}/${RUNS}: ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s, ` +
          `peak RSS ${result.peakRssMiB} MiB, ${result.bulkWrites} write(s) of the fold (at head: ${reached})`,
      );
    }
    const medianEventsPerSecond = Math.round(median(runs.map((r) => r.eventsPerSecond)));
    const peakRssMiB = Math.max(...runs.map((r) => r.peakRssMiB));

    // The same log through the live path once: its tables must be byte-equal (same checksums).
    let livePath: { seconds: number; eventsPerSecond: number; peakRssMiB: number; equalTables: boolean } | null = null;
    if (LIVE_PATH) {
      progress('rebuild through the live path (bulk: false), for the checksums…');
      const result = await rebuild(log, ALL_PROJECTIONS, BATCH_SIZE, 'live path', { readModel: postgres, bulk: false });
      const differing = differingTables(checksums, result.checksums);
      livePath = { seconds: Number(result.seconds.toFixed(2)), eventsPerSecond: Math.round(result.eventsPerSecond), peakRssMiB: result.peakRssMiB, equalTables: differing.length === 0 };
      console.log(`  live path: ${result.seconds.toFixed(1)} s, ${livePath.eventsPerSecond.toLocaleString('en')} events/s; tables ${differing.length === 0 ? 'byte-equal to the bulk rebuild (md5 per table)' : `DIFFERING: ${differing.join(', ')}`}`);
      if (differing.length > 0) throw new Error(`the bulk rebuild and the live path built different tables: ${differing.join(', ')}`);
    }

    // The same log in PGlite on disk (imported), the read model beside it, as `npm start` keeps them.
    let pglite: { importSeconds: number; runs: { seconds: number; eventsPerSecond: number }[]; eventsPerSecondMedian: number; differingTables: string[] } | null = null;
    if (PGLITE) {
      const scratch = new ScratchStores(janitor, BENCH_DATABASE_URL, 'bench-rebuild');
      const embedded = await scratch.open('pglite', 'rebuild-log');
      try {
        progress(`importing the log into PGlite on disk…`);
        const importStarted = performance.now();
        await embedded.store.importLog(asImported(logPages(store, { pageSize: 10_000 })));
        const importSeconds = (performance.now() - importStarted) / 1000;
        const embeddedLog = { store: embedded.store, ...(await readableLog(embedded.store, embedded.client)) };
        const pgliteRuns: { seconds: number; eventsPerSecond: number }[] = [];
        const differing = new Set<string>();
        for (let run = 0; run < RUNS; run++) {
          progress(`PGlite rebuild run ${run + 1}/${RUNS}…`);
          const result = await rebuild(embeddedLog, ALL_PROJECTIONS, BATCH_SIZE, `PGlite run ${run + 1}`, { readModel: pgliteReadModel(embedded.client) });
          for (const table of differingTables(checksums, result.checksums)) differing.add(table);
          pgliteRuns.push({ seconds: Number(result.seconds.toFixed(2)), eventsPerSecond: Math.round(result.eventsPerSecond) });
          console.log(`  PGlite run ${run + 1}/${RUNS}: ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s, peak RSS ${result.peakRssMiB} MiB`);
        }
        const differingTablesList = [...differing];
        pglite = {
          importSeconds: Number(importSeconds.toFixed(2)),
          runs: pgliteRuns,
          eventsPerSecondMedian: Math.round(median(pgliteRuns.map((r) => r.eventsPerSecond))),
          differingTables: differingTablesList,
        };
        console.log(`  PGlite: tables differing from PostgreSQL's: ${differingTablesList.join(', ') || 'none'} (clearance_obligations keeps log positions, which the import renumbers)`);
      } finally {
        await embedded.close();
        scratch.dispose();
      }
    }

    const sweep: { batchSize: number; seconds: number; eventsPerSecond: number; peakRssMiB: number }[] = [];
    for (const batchSize of SWEEP) {
      progress(`sweep: batch size ${batchSize}…`);
      const result = await rebuild(log, ALL_PROJECTIONS, batchSize, `batch ${batchSize}`, { readModel: postgres });
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
        const result = await rebuild(log, [projection], BATCH_SIZE, `${projection.name} alone`, { readModel: postgres, instrument: { timings } });
        const steps = timings.table();
        alone[projection.name] = { seconds: Number(result.seconds.toFixed(2)), eventsPerSecond: Math.round(result.eventsPerSecond), steps };
        console.log(`  ${projection.name} alone: ${result.seconds.toFixed(1)} s, ${Math.round(result.eventsPerSecond).toLocaleString('en')} events/s`);
        for (const step of steps) console.log(`      ${step.seconds.toFixed(2).padStart(7)} s  ${String(step.calls).padStart(5)}×  ${step.step}`);
      }
      profile = { readAllAlone: { ...readAll, seconds: Number(readAll.seconds.toFixed(2)), eventsPerSecond: Math.round(readAll.eventsPerSecond) }, projectionsAlone: alone };
    }

    console.log(`\nbatch size ${BATCH_SIZE}: median ${medianEventsPerSecond.toLocaleString('en')} events/s over ${RUNS} runs on PostgreSQL, peak RSS ${peakRssMiB} MiB`);
    if (pglite !== null) console.log(`PGlite (on disk): median ${pglite.eventsPerSecondMedian.toLocaleString('en')} events/s over ${RUNS} runs`);
    if (livePath !== null) console.log(`live path (bulk: false) on PostgreSQL: ${livePath.eventsPerSecond.toLocaleString('en')} events/s; bulk / live ${(medianEventsPerSecond / livePath.eventsPerSecond).toFixed(1)}×`);
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
      memoryBudgetMb: MEMORY_MB,
      tableChecksums: checksums,
      livePath,
      pglite,
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
