/**
 * The auditors' and operators' tools (issue 6) on a realistic program: BENCH_PARTNERS partners
 * written by `seedProgram` (about 21 events each, decided by the real deciders, sealed on the hash
 * chain), on PostgreSQL (a fresh schema) and PGlite (a fresh directory), both in one run:
 * - seeding: `seedProgram` into an empty store, events/s (deciding included: it is what
 *   `partnerctl seed` costs);
 * - verify: `verifyLog` over the whole log, events/s;
 * - export: `writeLogFile` to a file, events/s and the file's size;
 * - import: as `partnerctl import` does it, the file checked by `LogFileReader.validate()`, then
 *   read again into `store.importLog` of an empty store of the OTHER kind (PGlite → PostgreSQL,
 *   PostgreSQL → PGlite), events/s over both passes; the CLI's third pass (verifying the imported
 *   log) is timed apart and checked against the manifest;
 * - as-of: `readPartnerHistoryEvents` + `partnerAsOf` for the partner with the longest history,
 *   at random moments of its year of business time, p50/p99 per call (after the last run).
 * Throughputs: median of BENCH_RUNS runs, each on freshly seeded stores.
 *
 *   npm run bench:audit
 *
 * Env: BENCH_PARTNERS (2000, ≈ 43,000 events), BENCH_RUNS (3), BENCH_AS_OF_CALLS (200),
 * BENCH_DATABASE_URL (postgres://root@127.0.0.1:5432/test), BENCH_SAVE=0 (print only, for a smoke run).
 */
import 'reflect-metadata';
import { createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { finished } from 'node:stream/promises';
import { PARTNERSHIP_STREAM_PREFIX } from '@partnerships/domain';
import { LogFileReader, SeededRandom, verifyLog, writeLogFile, type LogFileManifest } from '@partnerships/event-store';
import { partnerAsOf, readPartnerHistoryEvents } from '@partnerships/projections';
import { DEFAULT_SEED, seedProgram } from '@partnerships/seed';
import { BENCH_DATABASE_URL, median, percentile, saveResults } from './bench-report';
import { SchemaJanitor, envNumber, progress, readableLog } from './support/bench-harness';
import { STORE_LABELS, ScratchStores, type ScratchStore, type StoreKind } from './support/scratch-stores';

const PARTNERS = envNumber('BENCH_PARTNERS', 2_000);
const RUNS = envNumber('BENCH_RUNS', 3);
const AS_OF_CALLS = envNumber('BENCH_AS_OF_CALLS', 200);
const AS_OF_WARM_UP = Math.max(10, Math.round(AS_OF_CALLS / 10));
const SAVE = process.env.BENCH_SAVE !== '0';
const KINDS: readonly StoreKind[] = ['postgres', 'pglite'];
/** The same program in every store and every run: the same seed, and one end captured at start. */
const END_AT = new Date();

const other = (kind: StoreKind): StoreKind => (kind === 'postgres' ? 'pglite' : 'postgres');
const perSecond = (events: number, ms: number): number => events / (ms / 1000);
const round2 = (value: number): number => Number(value.toFixed(2));
const thousands = (value: number): string => Math.round(value).toLocaleString('en');
const mebibytes = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

interface SeedFigures {
  readonly events: number;
  readonly teammates: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

interface VerifyFigures {
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

interface ExportFigures {
  readonly seconds: number;
  readonly eventsPerSecond: number;
  readonly fileBytes: number;
}

interface ImportFigures {
  readonly validateSeconds: number;
  readonly loadSeconds: number;
  /** validate + load, the two passes this figure is about. */
  readonly eventsPerSecond: number;
  /** The CLI's last pass, apart: `verifyLog` over the imported log. */
  readonly verifySeconds: number;
}

interface RunFigures {
  readonly seed: Record<StoreKind, SeedFigures>;
  readonly verify: Record<StoreKind, VerifyFigures>;
  readonly export: Record<StoreKind, ExportFigures>;
  /** By the store imported into: `postgres` is PGlite's export imported into PostgreSQL. */
  readonly import: Record<StoreKind, ImportFigures>;
}

async function seedInto(stores: ScratchStores, kind: StoreKind): Promise<{ seeded: ScratchStore; figures: SeedFigures }> {
  const seeded = await stores.open(kind, 'audit_seeded');
  let reported = performance.now();
  const { value: result, ms } = await timed(() =>
    seedProgram(seeded.store, {
      partners: PARTNERS,
      seed: DEFAULT_SEED,
      endAt: END_AT,
      onProgress: (done, total) => {
        if (performance.now() - reported < 5_000) return;
        reported = performance.now();
        progress(`  [seed ${STORE_LABELS[kind]}] ${thousands(done)} / ${thousands(total)} partners`);
      },
    }),
  );
  // PostgreSQL readers stop below the oldest running transaction; another client's may hide the tail for a while.
  await readableLog(seeded.store, seeded.client);
  // The log as an auditor finds it: written a while ago, vacuumed. Without it the first read of
  // fresh rows also pays PostgreSQL's one-time visibility bookkeeping, timed as verify's.
  await seeded.client.exec('VACUUM (ANALYZE) events');
  return { seeded, figures: { events: result.events, teammates: result.teammates, seconds: ms / 1000, eventsPerSecond: perSecond(result.events, ms) } };
}

async function verifyWhole(seeded: ScratchStore, events: number): Promise<VerifyFigures> {
  const { value: verification, ms } = await timed(() => verifyLog(seeded.store));
  if (verification.firstBreak !== null || verification.head.events !== events) {
    throw new Error(`verify on ${STORE_LABELS[seeded.kind]}: ${verification.head.events} of ${events} events checked, first break ${JSON.stringify(verification.firstBreak)}`);
  }
  return { seconds: ms / 1000, eventsPerSecond: perSecond(events, ms) };
}

async function exportToFile(stores: ScratchStores, seeded: ScratchStore, events: number): Promise<{ path: string; figures: ExportFigures }> {
  const path = stores.file(`${seeded.kind}.ndjson`);
  const out = createWriteStream(path, { flags: 'wx' });
  // Timed to the file's close, as `partnerctl export --out` finishes.
  const { value: written, ms } = await timed(async () => {
    const result = await writeLogFile(seeded.store, out);
    out.end();
    await finished(out);
    return result;
  });
  if (written.firstBreak !== null || written.manifest.events !== events) {
    throw new Error(`export of ${STORE_LABELS[seeded.kind]}: ${written.manifest.events} of ${events} events, first break ${JSON.stringify(written.firstBreak)}`);
  }
  const { size } = await stat(path);
  return { path, figures: { seconds: ms / 1000, eventsPerSecond: perSecond(events, ms), fileBytes: size } };
}

/** The CLI's import: the whole file checked, then read again into the empty store, then the result verified. */
async function importFile(stores: ScratchStores, path: string, kind: StoreKind): Promise<ImportFigures> {
  const target = await stores.open(kind, 'audit_imported');
  try {
    const reader = new LogFileReader(path, { requireWholeStreams: true });
    const { value: file, ms: validateMs } = await timed(() => reader.validate());
    const { value: result, ms: loadMs } = await timed(() => target.store.importLog(reader.importedEvents()));
    await readableLog(target.store, target.client);
    const { value: verification, ms: verifyMs } = await timed(() => verifyLog(target.store));
    checkImported(file.manifest, result.events, verification.head, STORE_LABELS[kind]);
    return {
      validateSeconds: validateMs / 1000,
      loadSeconds: loadMs / 1000,
      eventsPerSecond: perSecond(result.events, validateMs + loadMs),
      verifySeconds: verifyMs / 1000,
    };
  } finally {
    await target.close();
  }
}

function checkImported(manifest: LogFileManifest, imported: number, head: { events: number; hash: string | null }, label: string): void {
  if (imported !== manifest.events || head.events !== manifest.events || head.hash !== manifest.headHash) {
    throw new Error(`import into ${label}: ${imported} imported, log of ${head.events} events with hash ${head.hash}; the manifest says ${manifest.events} events, hash ${manifest.headHash}`);
  }
}

interface AsOfFigures {
  readonly calls: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly maxMs: number;
  /** Where a call's time goes: reading the partner's and its managers' streams, then folding them. */
  readonly readP50Ms: number;
  readonly foldP50Ms: number;
}

/** The partner with the most events: the longest fold, and the longest stream to read. */
async function longestHistory(seeded: ScratchStore): Promise<{ partnerId: string; events: number }> {
  const { rows } = await seeded.client.query<{ stream_id: string; n: number }>(
    `SELECT stream_id, count(*)::int AS n FROM events WHERE stream_id LIKE $1 GROUP BY stream_id ORDER BY n DESC, stream_id LIMIT 1`,
    [`${PARTNERSHIP_STREAM_PREFIX}%`],
  );
  return { partnerId: rows[0].stream_id.slice(PARTNERSHIP_STREAM_PREFIX.length), events: rows[0].n };
}

/**
 * Moments by business time (`occurred`), spread over the partner's life: store time in a seeded
 * log spans only the minutes of the seeding, so every moment would fall before or after it.
 */
async function asOfMoments(seeded: ScratchStore, partnerId: string, count: number): Promise<string[]> {
  const { partnerEvents } = await readPartnerHistoryEvents(seeded.store, partnerId);
  const times = partnerEvents.map((event) => Date.parse(event.metadata.occurredAt));
  const random = new SeededRandom(DEFAULT_SEED);
  const [first, last] = [Math.min(...times), Math.max(...times)];
  return Array.from({ length: count }, () => new Date(Math.round(random.between(first, last))).toISOString());
}

async function timeAsOf(seeded: ScratchStore, partnerId: string, moments: readonly string[]): Promise<AsOfFigures> {
  const call = async (asOf: string) => {
    const started = performance.now();
    const events = await readPartnerHistoryEvents(seeded.store, partnerId);
    const read = performance.now();
    partnerAsOf({ partnerId, ...events, asOf, by: 'occurred' });
    return { totalMs: performance.now() - started, readMs: read - started, foldMs: performance.now() - read };
  };
  for (const asOf of moments.slice(0, AS_OF_WARM_UP)) await call(asOf); // JIT, prepared statements, caches
  const samples = [];
  for (const asOf of moments.slice(AS_OF_WARM_UP)) samples.push(await call(asOf));
  const totals = samples.map((s) => s.totalMs);
  return {
    calls: samples.length,
    p50Ms: round2(percentile(totals, 50)),
    p99Ms: round2(percentile(totals, 99)),
    meanMs: round2(totals.reduce((a, b) => a + b, 0) / totals.length),
    maxMs: round2(Math.max(...totals)),
    readP50Ms: round2(percentile(samples.map((s) => s.readMs), 50)),
    foldP50Ms: round2(percentile(samples.map((s) => s.foldMs), 50)),
  };
}

interface AsOfResult {
  readonly partnerId: string;
  readonly partnerEvents: number;
  readonly by: 'occurred';
  readonly stores: Record<StoreKind, AsOfFigures>;
}

async function measureAsOf(seeded: Record<StoreKind, ScratchStore>): Promise<AsOfResult> {
  // Both stores hold the same program, so the same partner and moments serve both.
  const { partnerId, events } = await longestHistory(seeded.postgres);
  const moments = await asOfMoments(seeded.postgres, partnerId, AS_OF_WARM_UP + AS_OF_CALLS);
  const stores = {} as Record<StoreKind, AsOfFigures>;
  for (const kind of KINDS) {
    progress(`  as-of on ${STORE_LABELS[kind]}: partner ${partnerId} (${events} events), ${AS_OF_CALLS} calls…`);
    stores[kind] = await timeAsOf(seeded[kind], partnerId, moments);
  }
  return { partnerId, partnerEvents: events, by: 'occurred', stores };
}

/** One run on freshly seeded stores, removed at its end; the last run also measures as-of on them. */
async function oneRun(stores: ScratchStores, run: number, withAsOf: boolean): Promise<{ figures: RunFigures; asOf: AsOfResult | null }> {
  const seeded = {} as Record<StoreKind, ScratchStore>;
  try {
    // Filled kind by kind below.
    const figures = { seed: {}, verify: {}, export: {}, import: {} } as RunFigures;
    for (const kind of KINDS) {
      progress(`run ${run}: seeding ${thousands(PARTNERS)} partners into ${STORE_LABELS[kind]}…`);
      const { seeded: store, figures: seedFigures } = await seedInto(stores, kind);
      seeded[kind] = store;
      figures.seed[kind] = seedFigures;
    }
    const events = figures.seed.postgres.events;
    if (figures.seed.pglite.events !== events) throw new Error(`the seeds differ: ${events} events on PostgreSQL, ${figures.seed.pglite.events} on PGlite`);
    const files = {} as Record<StoreKind, string>;
    for (const kind of KINDS) {
      progress(`run ${run}: verify and export ${STORE_LABELS[kind]}…`);
      figures.verify[kind] = await verifyWhole(seeded[kind], events);
      const exported = await exportToFile(stores, seeded[kind], events);
      files[kind] = exported.path;
      figures.export[kind] = exported.figures;
    }
    for (const kind of KINDS) {
      progress(`run ${run}: import the ${STORE_LABELS[kind]} export into ${STORE_LABELS[other(kind)]}…`);
      figures.import[other(kind)] = await importFile(stores, files[kind], other(kind));
    }
    const asOf = withAsOf ? await measureAsOf(seeded) : null;
    return { figures, asOf };
  } finally {
    for (const store of Object.values(seeded)) await store.close();
  }
}

function printRun(run: number, figures: RunFigures): void {
  console.log(`  run ${run}/${RUNS}: ${thousands(figures.seed.postgres.events)} events`);
  for (const kind of KINDS) {
    console.log(
      `    ${STORE_LABELS[kind].padEnd(17)} seed ${thousands(figures.seed[kind].eventsPerSecond)}/s, verify ${thousands(figures.verify[kind].eventsPerSecond)}/s, ` +
        `export ${thousands(figures.export[kind].eventsPerSecond)}/s (${mebibytes(figures.export[kind].fileBytes)} MiB), ` +
        `import from ${STORE_LABELS[other(kind)]}'s export ${thousands(figures.import[kind].eventsPerSecond)}/s`,
    );
  }
}

function roundedFigure(key: string, value: unknown): unknown {
  if (typeof value !== 'number') return value;
  return key === 'eventsPerSecond' ? Math.round(value) : round2(value);
}

/** Per store kind: each run's figures rounded, and the median of `field`. */
function summary<F extends object>(runs: readonly Record<StoreKind, F>[], field: keyof F & string): Record<StoreKind, { median: number; runs: F[] }> {
  const byKind = {} as Record<StoreKind, { median: number; runs: F[] }>;
  for (const kind of KINDS) {
    const perRun = runs.map((run) => run[kind]);
    const rounded = perRun.map((figures) => Object.fromEntries(Object.entries(figures).map(([key, value]) => [key, roundedFigure(key, value)])) as F);
    byKind[kind] = { median: Math.round(median(perRun.map((figures) => figures[field] as number))), runs: rounded };
  }
  return byKind;
}

function printSummary(results: ReturnType<typeof buildResults>): void {
  const row = (label: string, postgres: number, pglite: number) =>
    console.log(`${label.padEnd(38)} ${thousands(postgres).padEnd(12)} ${thousands(pglite).padEnd(12)} ${(postgres / pglite).toFixed(2)}`);
  console.log(`\n${`events/s, median of ${RUNS}`.padEnd(38)} ${'PostgreSQL'.padEnd(12)} ${'PGlite'.padEnd(12)} PostgreSQL / PGlite`);
  row('seed (seedProgram)', results.seeding.postgres.median, results.seeding.pglite.median);
  row('verify (verifyLog, whole log)', results.verify.postgres.median, results.verify.pglite.median);
  row('export (writeLogFile to a file)', results.export.postgres.median, results.export.pglite.median);
  row("import (the other store's export)", results.import.postgres.median, results.import.pglite.median);
  console.log(`export file: ${mebibytes(results.export.postgres.runs[0].fileBytes)} MiB (${thousands(results.export.postgres.runs[0].fileBytes / results.events)} bytes per event)`);
  if (results.asOf !== null) {
    const { partnerId, partnerEvents, stores } = results.asOf;
    console.log(`\nas-of (read + fold), partner ${partnerId} with ${partnerEvents} events, ${stores.postgres.calls} calls at random moments by occurred:`);
    for (const kind of KINDS) {
      const f = stores[kind];
      console.log(`  ${STORE_LABELS[kind].padEnd(17)} p50 ${f.p50Ms} ms, p99 ${f.p99Ms} ms (read p50 ${f.readP50Ms} ms, fold p50 ${f.foldP50Ms} ms)`);
    }
  }
}

function buildResults(runs: readonly RunFigures[], asOf: AsOfResult | null) {
  const [first] = runs;
  const seeding = summary(runs.map((r) => r.seed), 'eventsPerSecond');
  const verify = summary(runs.map((r) => r.verify), 'eventsPerSecond');
  const exported = summary(runs.map((r) => r.export), 'eventsPerSecond');
  const imported = summary(runs.map((r) => r.import), 'eventsPerSecond');
  const ratio = (figures: Record<StoreKind, { median: number }>) => round2(figures.postgres.median / figures.pglite.median);
  return {
    benchmark: 'audit',
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      database: 'PostgreSQL (BENCH_DATABASE_URL) and PGlite on disk (a temporary directory)',
    },
    partners: PARTNERS,
    teammates: first.seed.postgres.teammates,
    events: first.seed.postgres.events,
    seed: DEFAULT_SEED,
    runs: RUNS,
    seeding,
    verify,
    export: exported,
    /** Keyed by the store imported into: `postgres` is PGlite's export imported into PostgreSQL. */
    import: imported,
    importMethod: 'LogFileReader.validate() over the whole file, then store.importLog(reader.importedEvents()) (as partnerctl import); verifySeconds: verifyLog of the imported log, not in eventsPerSecond',
    ratiosPostgresToPglite: { seeding: ratio(seeding), verify: ratio(verify), export: ratio(exported), import: ratio(imported) },
    asOf: asOf === null ? null : { ...asOf, warmUpCalls: AS_OF_WARM_UP },
  };
}

async function main(): Promise<void> {
  console.log(`bench:audit — ${thousands(PARTNERS)} partners, ${RUNS} runs, PostgreSQL and PGlite${SAVE ? '' : ' (BENCH_SAVE=0: results not saved)'}`);
  const janitor = new SchemaJanitor(BENCH_DATABASE_URL);
  const stores = new ScratchStores(janitor, BENCH_DATABASE_URL, 'bench-audit');
  try {
    const runs: RunFigures[] = [];
    let asOf: AsOfResult | null = null;
    for (let run = 1; run <= RUNS; run++) {
      const result = await oneRun(stores, run, run === RUNS);
      runs.push(result.figures);
      asOf = result.asOf ?? asOf;
      printRun(run, result.figures);
    }
    const results = buildResults(runs, asOf);
    printSummary(results);
    if (SAVE) console.log(`saved ${saveResults('audit', results)}`);
  } finally {
    await janitor.dropAll();
    janitor.dispose();
    stores.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
