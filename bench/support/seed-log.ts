/**
 * Seeds a generated program (program-generator.ts) into the `events` table of a fresh schema.
 *
 * How it writes: bulk INSERTs, one transaction per chunk of events, NOT `append_events`. Going
 * through the store (`appendToStream`, `append_events_batch`) would cost a plpgsql call, a stream
 * lock, a duplicate-id probe and a version probe per stream append: minutes for a million events.
 * The INSERT (… SELECT FROM jsonb_array_elements($1) WITH ORDINALITY) writes exactly the rows `append_events` would, in the same transaction shape:
 * - position = (this transaction's id << 20) + i, i = 0, 1, ... in log order within the chunk,
 *   as `append_events` numbers the events of one transaction (`v_base + v_next + ordinality - 1`);
 *   chunks run one after another, so each transaction gets a larger id and every position is
 *   larger than all earlier ones, and a chunk stays far below the 2^20 events a transaction may hold;
 * - stream_version counts each stream's events from 1 in log order (the generator numbers them,
 *   and a stream's events are in log order), so (stream_id, stream_version) is unique and gapless;
 * - event_id: a lower-case UUID, unique (seeded, so the same every run); type, data and metadata
 *   (occurredAt, actor, correlationId, causationId, schemaVersion and the chain's hashes) as the
 *   StreamWriter writes them;
 *   recorded_at: the column's default, as the adapter leaves it.
 * The table's constraints (primary key, unique event id, unique stream version, the CHECKs) all
 * stay in force; no lock is taken because the schema is fresh and this is its only writer.
 *
 * Run as a child process (`fork`) by the benchmarks, so that the generator's memory never counts
 * in the peak RSS they measure. Progress goes to stderr; the summary comes back over IPC.
 */
import { createSqlClient, migrate, type SqlClient } from '@partnerships/event-store';
import { generateProgram, type GeneratedEvent } from './program-generator';

export interface SeedRequest {
  readonly databaseUrl: string;
  readonly schema: string;
  /** Default: enough partners for `maxEvents`. */
  readonly partners?: number;
  /** Cut the log to this many events; default: every event of the partners' lives. */
  readonly maxEvents?: number;
  /** Events per INSERT transaction; default 10,000. */
  readonly chunk?: number;
  /** The generator's seed, which is also in every id: parts seeded with different seeds into one log never collide. */
  readonly seed?: number;
}

export interface SeedSummary {
  readonly events: number;
  readonly partners: number;
  readonly managerIds: readonly string[];
  readonly countsByType: Record<string, number>;
  readonly generateSeconds: number;
  readonly insertSeconds: number;
  readonly verifySeconds: number;
}

/**
 * The chunk travels as one JSON array of [stream_id, stream_version, event_id, type, data, metadata]
 * rows: twice as fast as six parameter arrays (a jsonb[] literal escapes every quote of every event).
 */
const INSERT = `
INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata)
SELECT pg_current_xact_id()::text::bigint * 1048576 + r.ord - 1,
       r.e->>0, (r.e->>1)::int, (r.e->>2)::uuid, r.e->>3, r.e->4, r.e->5
FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(e, ord)`;

function chunkJson(events: readonly GeneratedEvent[]): string {
  // data and metadata are already JSON text.
  return `[${events.map((e) => `[${JSON.stringify(e.streamId)},${e.version},"${e.eventId}",${JSON.stringify(e.type)},${e.data},${e.metadata}]`).join(',')}]`;
}

const progress = (message: string): void => {
  process.stderr.write(`  [seed] ${message}\n`);
};

async function insertAll(client: SqlClient, events: readonly GeneratedEvent[], chunk: number): Promise<void> {
  let reported = 0;
  let next = chunkJson(events.slice(0, chunk));
  for (let start = 0; start < events.length; start += chunk) {
    // One transaction per chunk, strictly one after another: its id gives the chunk's positions.
    const inserting = client.transaction((tx) => tx.query(INSERT, [next]));
    // The next chunk's JSON is built while this one is written.
    const following = start + chunk < events.length ? chunkJson(events.slice(start + chunk, start + 2 * chunk)) : '';
    await inserting;
    next = following;
    const done = Math.min(events.length, start + chunk);
    if (done - reported >= 100_000 || done === events.length) {
      reported = done;
      progress(`inserted ${done.toLocaleString('en')} / ${events.length.toLocaleString('en')} events`);
    }
  }
}

/** Checks the invariants the adapter guarantees: a gapless version sequence per stream, in position order; `expected` events in all. */
async function verify(client: SqlClient, expected: number): Promise<void> {
  const { rows } = await client.query<{ events: number; bad_streams: number }>(`
    SELECT (SELECT count(*)::int FROM events) AS events,
      (SELECT count(*)::int FROM (
         SELECT stream_id FROM (
           SELECT stream_id, stream_version, row_number() OVER (PARTITION BY stream_id ORDER BY position) AS n FROM events
         ) AS v WHERE stream_version <> n GROUP BY stream_id) AS b) AS bad_streams`);
  if (rows[0].events !== expected || rows[0].bad_streams !== 0) {
    throw new Error(`seeded log is wrong: ${rows[0].events} events (expected ${expected}), ${rows[0].bad_streams} streams out of order`);
  }
}

export async function seedLog(request: SeedRequest): Promise<SeedSummary> {
  const generateStarted = performance.now();
  const program = generateProgram({
    partners: request.partners,
    maxEvents: request.maxEvents,
    seed: request.seed,
    onProgress: (done) => progress(`generated ${done.toLocaleString('en')} partners`),
  });
  const generateSeconds = (performance.now() - generateStarted) / 1000;
  if (request.maxEvents !== undefined && program.events.length < request.maxEvents) {
    throw new Error(`${program.partners} partners make only ${program.events.length} events, fewer than ${request.maxEvents}`);
  }
  progress(`generated ${program.events.length.toLocaleString('en')} events in ${generateSeconds.toFixed(1)} s`);

  const client = await createSqlClient({ databaseUrl: request.databaseUrl, schema: request.schema, poolSize: 2 });
  try {
    await migrate(client);
    // A log seeded in parts: the earlier parts are already there.
    const { rows } = await client.query<{ events: number }>('SELECT count(*)::int AS events FROM events');
    const before = rows[0].events;
    const insertStarted = performance.now();
    await insertAll(client, program.events, request.chunk ?? 10_000);
    const insertSeconds = (performance.now() - insertStarted) / 1000;
    const verifyStarted = performance.now();
    await client.exec('ANALYZE events');
    await verify(client, before + program.events.length);
    const verifySeconds = (performance.now() - verifyStarted) / 1000;
    return {
      events: program.events.length,
      partners: program.partners,
      managerIds: program.managerIds,
      countsByType: program.countsByType,
      generateSeconds,
      insertSeconds,
      verifySeconds,
    };
  } finally {
    await client.close();
  }
}

// As a child process: the request comes in the environment, the summary goes back over IPC.
if (require.main === module) {
  const request = JSON.parse(process.env.BENCH_SEED_REQUEST ?? '{}') as SeedRequest;
  seedLog(request).then(
    (summary) => process.send?.({ summary }, () => process.exit(0)),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
