import { createHash } from 'node:crypto';
import {
  assertSqlIdentifier,
  compareLogPositions,
  decodeEvents,
  type EventStore,
  type LogPosition,
  type RecordedEvent,
  type SqlClient,
} from '@partnerships/event-store';
import { CheckpointStore, isRetryableError } from '@partnerships/log-follower';
import type { Projection } from '../projection';
import { ProjectionRunner, type ProjectionFailure, type ProjectionRunnerOptions, type ProjectionStatus } from '../projection-runner';
import { bulkFold, BulkFoldRefused, DEFAULT_REBUILD_MEMORY_MB, type BulkFoldResult, type BulkTarget } from './bulk-fold';
import { SchemaScopedClient } from './schema-scoped.client';

export type RebuildPhase = 'building' | 'swapping' | 'done';

export interface RebuildProgress {
  readonly projection: string;
  readonly phase: RebuildPhase;
  /** Events applied to the new tables so far. */
  readonly appliedEvents: number;
  /** Events of the log still ahead of the new tables. */
  readonly remainingEvents: number;
  readonly position: LogPosition | null;
}

export interface RebuildResult {
  readonly projection: string;
  /** Where the swapped-in read model stands; the live runner carries on from there. */
  readonly position: LogPosition | null;
  readonly appliedEvents: number;
  /** Of those, the events the live runner had applied beyond the new tables, applied at the swap. */
  readonly swapGapEvents: number;
  /** Of those, the events folded in memory and written at once (0: replayed batch by batch). */
  readonly foldedInBulk: number;
  /** How many times the bulk fold wrote what it held: 1 when it all fitted in the memory budget. */
  readonly bulkWrites: number;
  readonly durationMs: number;
}

export interface RebuildOptions extends ProjectionRunnerOptions {
  /** Called every `progressIntervalMs` while building, then at the swap and at the end. */
  readonly onProgress?: (progress: RebuildProgress) => void;
  /** Default 500 ms. */
  readonly progressIntervalMs?: number;
  /**
   * Stops this process's live runner of the projection for the swap and returns what starts it
   * again; a host passes it so that its own runner cannot race the swap.
   */
  readonly pauseLive?: () => Promise<() => void>;
  /**
   * Fold the log in memory and write once (the default) for the projections that offer a net
   * change; `false` replays it batch by batch through the live runner only.
   */
  readonly bulk?: boolean;
  /** The bulk fold's memory budget in MiB before it writes what it holds (default 512). */
  readonly memoryBudgetMb?: number;
}

/** Pages a bulk fold reads when `batchSize` is not given. */
const BULK_PAGE_SIZE = 10_000;

/** The new read model refused an event: the live one was left as it was. */
export class RebuildFailedError extends Error {
  constructor(
    readonly projection: string,
    readonly failure: ProjectionFailure,
  ) {
    super(`Rebuild of ${projection} stopped at event ${failure.eventId} (${failure.type}, position ${failure.position}): ${failure.message}`);
    this.name = 'RebuildFailedError';
  }
}

/** Tries before giving up on a live runner that keeps moving between a gap read and the swap. */
const SWAP_ATTEMPTS = 20;

/**
 * Replays `projection` from the start of the log into a schema of its own, next to the live read
 * model, while the live one keeps serving and keeps following the log; once the new tables reach
 * the head they replace the live ones in one transaction, so a reader sees either the old read
 * model or the complete new one, never a half-built one.
 *
 * The swap holds the live checkpoint row (the live runner locks that row before touching its
 * tables, so it waits), applies to the new tables whatever the live runner had applied beyond
 * them, moves the new tables into the live schema in place of the old ones and sets the live
 * checkpoint to where they stand. The live runner, in this process or another, then finds its
 * checkpoint moved and carries on from there. An interrupted rebuild leaves the live model as it
 * was; the next one starts again from zero.
 */
export async function rebuildProjection(projection: Projection, options: RebuildOptions): Promise<RebuildResult> {
  const [result] = await rebuildProjections([projection], options);
  return result;
}

/**
 * Rebuilds several projections at once, as `rebuildProjection` does one: a runner per projection
 * into its own new schema, side by side; then each is swapped in, in turn. `onProgress` reports
 * each projection.
 */
export async function rebuildProjections(projections: readonly Projection[], options: RebuildOptions): Promise<RebuildResult[]> {
  if (projections.length === 0) return [];
  const started = Date.now();
  const liveSchema = await currentSchema(options.readModel);
  const targets = projections.map((projection) => ({ projection, schema: rebuildSchemaName(liveSchema, projection.name) }));
  for (const { schema } of targets) {
    await options.readModel.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  }
  try {
    const report: Reporter = (projection, phase, appliedEvents, remainingEvents, position) =>
      options.onProgress?.({ projection: projection.name, phase, appliedEvents, remainingEvents, position });
    const scoped = targets.map(({ projection, schema }) => ({ projection, schema, readModel: new SchemaScopedClient(options.readModel, schema) }));
    // The projections that fold in memory first read the whole log in one pass and write once.
    const folded = options.bulk === false ? new Map<string, BulkFoldResult>() : await foldInBulk(scoped, options, report);
    // Then one runner per projection, each in its own schema with its own checkpoint, side by
    // side: from the start of the log, or from where the bulk fold stopped (what arrived since).
    const built = await buildToHead(scoped, options, report, folded);
    const results: RebuildResult[] = [];
    for (const [index, { projection, schema }] of targets.entries()) {
      const { position } = built[index];
      const appliedEvents = built[index].appliedEvents + (folded.get(projection.name)?.foldedEvents ?? 0);
      report(projection, 'swapping', appliedEvents, 0, position);
      const swapped = await swapIn(projection, options, { liveSchema, rebuildSchema: schema }, position);
      report(projection, 'done', appliedEvents + swapped.gapEvents, 0, swapped.position);
      results.push({
        projection: projection.name,
        position: swapped.position,
        appliedEvents: appliedEvents + swapped.gapEvents,
        swapGapEvents: swapped.gapEvents,
        foldedInBulk: folded.get(projection.name)?.foldedEvents ?? 0,
        bulkWrites: folded.get(projection.name)?.writes ?? 0,
        durationMs: Date.now() - started,
      });
    }
    return results;
  } finally {
    // After a swap the schema is already gone; after a failure the half-built tables go with it.
    for (const { schema } of targets) {
      await options.readModel.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
  }
}

/** Where `client`'s unqualified names resolve: the live read model's schema. */
async function currentSchema(client: SqlClient): Promise<string> {
  const { rows } = await client.query<{ schema: string | null }>('SELECT current_schema() AS schema');
  const schema = rows[0]?.schema;
  if (schema == null) {
    throw new Error('The read-model connection has no current schema (check its search_path)');
  }
  assertSqlIdentifier(schema, 'read-model schema');
  return schema;
}

/** Stable per live schema and projection (so a second rebuild finds and clears the first one's leftovers), within 63 characters. */
export function rebuildSchemaName(liveSchema: string, projectionName: string): string {
  const digest = createHash('sha256').update(`${liveSchema}\u0000${projectionName}`).digest('hex').slice(0, 12);
  const readable = projectionName.toLowerCase().replace(/[^a-z0-9]+/g, '_').slice(0, 32);
  return `rebuild_${readable}_${digest}`;
}

type Reporter = (
  projection: Projection,
  phase: RebuildPhase,
  appliedEvents: number,
  remainingEvents: number,
  position: LogPosition | null,
) => void;

interface BuildTarget {
  readonly projection: Projection;
  readonly readModel: SqlClient;
}

interface ScopedTarget extends BuildTarget {
  readonly schema: string;
}

/**
 * Runs the bulk fold for the targets that offer a net change, each in its new schema; returns what
 * was folded and written per projection. If the fold fails (an event a projection refuses, most likely),
 * their schemas are emptied again and the runners replay from zero instead, which finds and names
 * the event the way a live runner does.
 */
async function foldInBulk(targets: readonly ScopedTarget[], options: RebuildOptions, report: Reporter): Promise<Map<string, BulkFoldResult>> {
  const bulk: (BulkTarget & ScopedTarget)[] = [];
  for (const target of targets) {
    const { projection } = target;
    if (projection.netChange !== undefined) bulk.push({ ...target, projection: { ...projection, netChange: projection.netChange } });
  }
  const folded = new Map<string, BulkFoldResult>();
  if (bulk.length === 0) return folded;
  for (const { projection, readModel } of bulk) {
    const checkpoints = new CheckpointStore(readModel);
    await checkpoints.prepare();
    await readModel.transaction(async (tx) => {
      await projection.setup(tx);
      await checkpoints.register(tx, projection.name);
    });
  }
  try {
    const result = await bulkFold(bulk, {
      store: options.store,
      pageSize: options.batchSize ?? BULK_PAGE_SIZE,
      memoryBudgetMb: options.memoryBudgetMb ?? DEFAULT_REBUILD_MEMORY_MB,
      lagCounter: options.lagCounter,
      progressIntervalMs: options.progressIntervalMs ?? 500,
      onProgress: (foldedEvents, remaining, position) => {
        for (const { projection } of bulk) report(projection, 'building', foldedEvents, remaining, position);
      },
    });
    for (const { projection } of bulk) folded.set(projection.name, result);
  } catch (error) {
    // The store or the database failing fails the rebuild, as it would fail a runner's batch.
    if (!(error instanceof BulkFoldRefused) || isRetryableError(error.reason)) throw error;
    for (const { schema } of bulk) {
      await options.readModel.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    }
    folded.clear();
  }
  return folded;
}

/** Runs a fresh runner per target until each reads the head, reporting as they go; stops them there. */
async function buildToHead(
  targets: readonly BuildTarget[],
  options: RebuildOptions,
  report: Reporter,
  alreadyApplied: ReadonlyMap<string, BulkFoldResult>,
): Promise<{ position: LogPosition | null; appliedEvents: number }[]> {
  const runners = targets.map(({ projection, readModel }) => new ProjectionRunner(projection, { ...options, readModel }));
  const interval = options.progressIntervalMs ?? 500;
  const failedIn = (statuses: readonly ProjectionStatus[]) => {
    const failed = statuses.find((status) => status.state === 'failed' && status.failure);
    if (failed?.failure) throw new RebuildFailedError(failed.name, failed.failure);
  };
  for (const runner of runners) runner.start();
  try {
    for (;;) {
      const statuses = await Promise.all(runners.map((runner) => runner.status()));
      failedIn(statuses);
      statuses.forEach((status, index) => {
        const { projection } = targets[index];
        report(projection, 'building', status.appliedEvents + (alreadyApplied.get(projection.name)?.foldedEvents ?? 0), status.lag, status.position);
      });
      if (statuses.every((status) => status.state === 'live')) break;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
  // Stopped between transactions: what each committed is what its schema's checkpoint says.
  const final = await Promise.all(runners.map((runner) => runner.status()));
  failedIn(final);
  return runners.map((runner, index) => ({ position: runner.appliedPosition, appliedEvents: final[index].appliedEvents }));
}

interface Schemas {
  readonly liveSchema: string;
  readonly rebuildSchema: string;
}

async function swapIn(
  projection: Projection,
  options: RebuildOptions,
  schemas: Schemas,
  builtPosition: LogPosition | null,
): Promise<{ position: LogPosition | null; gapEvents: number }> {
  const liveCheckpoints = new CheckpointStore(options.readModel);
  await liveCheckpoints.prepare();
  await options.readModel.transaction((tx) => liveCheckpoints.register(tx, projection.name));
  const resume = await options.pauseLive?.();
  try {
    for (let attempt = 1; attempt <= SWAP_ATTEMPTS; attempt += 1) {
      // PGlite has one connection, held by the swap's transaction: read the gap before it (and
      // check in it that the live runner did not move since). PostgreSQL reads it under the lock.
      const early = options.readModel.driver === 'pglite'
        ? await readBetween(options.store, builtPosition, await liveCheckpoints.read(projection.name))
        : null;
      const swapped = await options.readModel.transaction(async (tx) => {
        const { rows } = await tx.query<{ position: string | null }>(
          `SELECT position::text AS position FROM ${schemas.liveSchema}.projection_checkpoints WHERE name = $1 FOR UPDATE`,
          [projection.name],
        );
        const livePosition = rows[0]?.position ?? null;
        const gap = early ?? (await readBetween(options.store, builtPosition, livePosition));
        const target = gap.length > 0 ? gap[gap.length - 1].position : builtPosition;
        if (compareLogPositions(livePosition, target) > 0) {
          return null; // the live runner moved on since the gap was read: read it again
        }
        if (gap.length > 0) {
          await tx.exec(`SET LOCAL search_path TO ${schemas.rebuildSchema}`);
          await projection.apply(tx, decodeEvents(gap));
          await tx.exec(`SET LOCAL search_path TO ${schemas.liveSchema}`);
        }
        for (const table of projection.tables) {
          assertSqlIdentifier(table, 'table');
          await tx.exec(`DROP TABLE IF EXISTS ${schemas.liveSchema}.${table}`);
          await tx.exec(`ALTER TABLE ${schemas.rebuildSchema}.${table} SET SCHEMA ${schemas.liveSchema}`);
        }
        await tx.query(
          `UPDATE ${schemas.liveSchema}.projection_checkpoints SET position = $2::numeric, updated_at = now() WHERE name = $1`,
          [projection.name, target],
        );
        await tx.exec(`DROP SCHEMA ${schemas.rebuildSchema} CASCADE`);
        return { position: target, gapEvents: gap.length };
      });
      if (swapped !== null) {
        return swapped;
      }
    }
  } finally {
    resume?.();
  }
  throw new Error(`Rebuild of ${projection.name}: the live projection kept moving; ${SWAP_ATTEMPTS} swap attempts failed`);
}

/** Events after `from` up to and including `to`, in log order. */
async function readBetween(store: EventStore, from: LogPosition | null, to: LogPosition | null): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  let after = from;
  while (compareLogPositions(after, to) < 0) {
    const page = await store.readAll({ after, limit: 1_000 });
    const within = page.filter((event) => compareLogPositions(event.position, to) <= 0);
    events.push(...within);
    if (within.length < page.length || page.length === 0) {
      break;
    }
    after = page[page.length - 1].position;
  }
  return events;
}
