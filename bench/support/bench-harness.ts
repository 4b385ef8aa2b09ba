/** What the rebuild and query benchmarks share: schemas they always drop, the seeding child, RSS sampling, timing wrappers. */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { compareLogPositions, type EventStore, type LogPosition, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import type { Projection, ProjectionHost } from '@partnerships/projections';
import type { SeedRequest, SeedSummary } from './seed-log';

export const progress = (message: string): void => {
  process.stderr.write(`${message}\n`);
};

export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${raw}`);
  return value;
}

/**
 * Every schema a benchmark creates is registered here and dropped at the end, on error, and on
 * SIGINT/SIGTERM, so no run leaves one behind.
 */
export class SchemaJanitor {
  private readonly schemas = new Set<string>();
  private readonly onSignal = (signal: NodeJS.Signals): void => {
    progress(`\n${signal}: dropping ${[...this.schemas].join(', ') || 'nothing'}`);
    void this.dropAll().finally(() => process.exit(130));
  };

  constructor(private readonly databaseUrl: string) {
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** A fresh, unique schema name, registered for dropping. */
  name(prefix: string): string {
    const schema = `${prefix}_${process.pid}_${Date.now().toString(36)}`;
    this.schemas.add(schema);
    return schema;
  }

  async drop(schema: string): Promise<void> {
    const client = new Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      this.schemas.delete(schema);
    } finally {
      await client.end();
    }
  }

  async dropAll(): Promise<void> {
    for (const schema of [...this.schemas]) {
      try {
        await this.drop(schema);
      } catch (error) {
        progress(`could not drop schema ${schema}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  dispose(): void {
    process.off('SIGINT', this.onSignal);
    process.off('SIGTERM', this.onSignal);
  }
}

/** Seeds in a child process (seed-log.ts), so the generator's memory stays out of this process's RSS. */
export function seedInChild(request: SeedRequest): Promise<SeedSummary> {
  return new Promise((resolve, reject) => {
    const child = fork(join(__dirname, 'seed-log.js'), [], {
      env: { ...process.env, BENCH_SEED_REQUEST: JSON.stringify(request) },
      execArgv: ['--max-old-space-size=16384'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let summary: SeedSummary | null = null;
    child.on('message', (message: { summary?: SeedSummary }) => {
      summary = message.summary ?? null;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && summary !== null ? resolve(summary) : reject(new Error(`seeding failed (exit code ${code})`))));
  });
}

/** Peak resident set size of this process, sampled every `everyMs`. */
export class RssSampler {
  private peak = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(everyMs = 50) {
    this.sample();
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return this.peak;
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().rss);
  }
}

export const mib = (bytes: number): number => Math.round(bytes / 1024 / 1024);

/**
 * How many events lie at or below a position: the seeded log's transactions (one per chunk) and
 * their event counts, so progress can be told in events although positions carry transaction ids
 * (which other clients of the database also consume).
 */
export class LogShares {
  private constructor(private readonly chunks: readonly { readonly tx: bigint; readonly before: number; readonly count: number }[]) {}

  static async load(client: SqlClient): Promise<LogShares> {
    const { rows } = await client.query<{ tx: string; n: number }>(
      'SELECT (position >> 20)::text AS tx, count(*)::int AS n FROM events GROUP BY 1 ORDER BY 1::bigint',
    );
    let before = 0;
    return new LogShares(
      rows.map((row) => {
        const chunk = { tx: BigInt(row.tx), before, count: row.n };
        before += row.n;
        return chunk;
      }),
    );
  }

  /** Events at or below `position`. */
  eventsThrough(position: LogPosition | null): number {
    if (position === null) return 0;
    const value = BigInt(position);
    const tx = value >> 20n;
    const chunk = this.chunks.find((c) => c.tx === tx);
    if (chunk !== undefined) return chunk.before + Number(value - (tx << 20n)) + 1;
    const after = this.chunks.find((c) => c.tx > tx);
    return after === undefined ? (this.chunks.at(-1)?.before ?? 0) + (this.chunks.at(-1)?.count ?? 0) : after.before;
  }

  get total(): number {
    const last = this.chunks.at(-1);
    return last === undefined ? 0 : last.before + last.count;
  }
}

/**
 * Waits until every runner of `host` has applied `head`; throws when one fails. Returns the
 * seconds (from `started`) at which each runner got there. Reports each runner's share of the
 * log every 5 s.
 */
export async function waitForHead(
  host: ProjectionHost,
  shares: LogShares,
  head: LogPosition,
  started: number,
  label: string,
): Promise<Record<string, number>> {
  const reached: Record<string, number> = {};
  let lastReport = performance.now();
  let lastCheck = 0;
  for (;;) {
    for (const runner of host.runners) {
      if (reached[runner.name] === undefined && compareLogPositions(runner.appliedPosition, head) >= 0) {
        reached[runner.name] = (performance.now() - started) / 1000;
      }
    }
    if (Object.keys(reached).length === host.runners.length) return reached;
    const now = performance.now();
    if (now - lastCheck > 500) {
      lastCheck = now;
      for (const status of await host.statuses()) {
        if (status.state === 'failed') throw new Error(`projection ${status.name} failed: ${JSON.stringify(status.failure)}`);
      }
    }
    if (now - lastReport > 5000) {
      lastReport = now;
      const progressed = host.runners.map((runner) => `${runner.name} ${((shares.eventsThrough(runner.appliedPosition) / shares.total) * 100).toFixed(0)}%`);
      progress(`  [${label}] ${((now - started) / 1000).toFixed(0)} s: ${progressed.join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Time spent per labelled step, summed. */
export class Timings {
  readonly totals = new Map<string, { ms: number; calls: number }>();

  add(label: string, ms: number): void {
    const entry = this.totals.get(label) ?? { ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    this.totals.set(label, entry);
  }

  async time<T>(label: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.add(label, performance.now() - started);
    }
  }

  table(): { step: string; seconds: number; calls: number }[] {
    return [...this.totals]
      .map(([step, { ms, calls }]) => ({ step, seconds: Number((ms / 1000).toFixed(2)), calls }))
      .sort((a, b) => b.seconds - a.seconds);
  }
}

/** A statement's label: its first words, whitespace collapsed. */
function statementLabel(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > 90 ? `${flat.slice(0, 90)}…` : flat;
}

class TimedSqlClient implements SqlClient {
  constructor(
    private readonly inner: SqlClient,
    private readonly timings: Timings,
    private readonly prefix: string,
  ) {}

  get driver() {
    return this.inner.driver;
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
    return this.timings.time(`${this.prefix}sql: ${statementLabel(sql)}`, () => this.inner.query<T>(sql, params));
  }

  exec(sql: string) {
    return this.timings.time(`${this.prefix}exec: ${statementLabel(sql)}`, () => this.inner.exec(sql));
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.timings.time(`${this.prefix}transaction (whole: BEGIN … COMMIT)`, () =>
      this.inner.transaction((tx) => fn(new TimedSqlClient(tx, this.timings, `${this.prefix}  in tx `))),
    );
  }

  close() {
    return this.inner.close();
  }
}

/** The read-model client with each statement and transaction timed. */
export function timedSqlClient(client: SqlClient, timings: Timings): SqlClient {
  return new TimedSqlClient(client, timings, '');
}

/** The store with `readAll` (the runner's page reads) timed. */
export function timedStore(store: EventStore, timings: Timings): EventStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'readAll') {
        return (options: Parameters<EventStore['readAll']>[0]) => timings.time('store.readAll (page read)', () => target.readAll(options));
      }
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/** The projection with `apply` (its JavaScript fold plus its statements) timed. */
export function timedProjection(projection: Projection, timings: Timings): Projection {
  return {
    ...projection,
    setup: (tx) => projection.setup(tx),
    apply: (tx, events) => timings.time('projection.apply (fold + statements)', () => projection.apply(tx, events)),
  };
}

/**
 * The seeded log's head (and its event counts per transaction), once readers may see all of it. The store reads only
 * below the oldest running transaction (`xmin << 20`), so a transaction of another client of the
 * database that started before the seeding ended hides the seeded events until it ends.
 */
export async function readableLog(
  store: SqlEventStore,
  client: SqlClient,
  timeoutMs = 300_000,
): Promise<{ head: LogPosition; shares: LogShares }> {
  const { rows } = await client.query<{ last: string | null }>('SELECT max(position)::text AS last FROM events');
  const { last } = rows[0];
  if (last === null) throw new Error('the seeded log is empty');
  const shares = await LogShares.load(client);
  const deadline = Date.now() + timeoutMs;
  let reported = 0;
  for (;;) {
    const head = await store.headPosition();
    if (compareLogPositions(head, last) >= 0) return { head: last, shares };
    if (Date.now() > deadline) throw new Error('a long transaction of another client still hides the seeded log from readers');
    if (Date.now() - reported > 5000) {
      reported = Date.now();
      progress('  waiting for transactions older than the seeding to end (readers stop below the oldest running transaction)…');
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
