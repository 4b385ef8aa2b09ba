import { compareLogPositions, decodeEvents, logPages, type EventStore, type LogPosition, type SqlClient } from '@partnerships/event-store';
import { CheckpointStore, readingLogLagCounter, type LogLagCounter } from '@partnerships/log-follower';
import type { CopyingClient, NetChange, Projection } from '../projection';
import { deferIndexes } from './deferred-indexes';

/** What a bulk rebuild folds in memory before it writes, in mebibytes: `REBUILD_MEMORY_MB`. */
export const DEFAULT_REBUILD_MEMORY_MB = 512;

/**
 * What one key of a net change costs in memory at its peak, with its row, the garbage a fold
 * leaves for the collector and the text a write builds from it, measured: folds of 671k keys on
 * the 10M-event bench log peaked at 1,275 MiB RSS, about 200 MiB of it the process before the
 * fold (1.6 KB per key). The budget is counted in keys, which is deterministic, rather than in
 * heap bytes, which a collector running late inflates.
 */
export const BYTES_PER_NET_KEY = 1_600;

export interface BulkTarget {
  readonly projection: Projection & { readonly netChange: NonNullable<Projection['netChange']> };
  /** The new schema's client, its tables created and its checkpoint registered. */
  readonly readModel: SqlClient;
}

export interface BulkFoldOptions {
  readonly store: EventStore;
  /** Events read per page. */
  readonly pageSize: number;
  /** Spill (write what is folded and start again) when the net changes would outgrow this. */
  readonly memoryBudgetMb: number;
  readonly lagCounter?: LogLagCounter;
  readonly progressIntervalMs: number;
  readonly onProgress?: (foldedEvents: number, remainingEvents: number, position: LogPosition | null) => void;
}

/** A projection's fold or write threw (as opposed to the store failing): `reason` is what it threw. */
export class BulkFoldRefused extends Error {
  constructor(
    readonly projection: string,
    readonly reason: unknown,
  ) {
    super(`${projection}: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'BulkFoldRefused';
  }
}

export interface BulkFoldResult {
  /** The last event folded and written, where each target's checkpoint now stands. */
  readonly position: LogPosition | null;
  readonly foldedEvents: number;
  /** How many times the folded state was written: 1 when it all fitted in the budget. */
  readonly writes: number;
}

/**
 * The bulk phase of a rebuild: reads the log once, from the start to its head when it starts,
 * folds every page into each target's net change (the live path's own fold, so both cannot
 * drift), and writes the net changes once, or each time they reach the memory budget. An
 * obligation opened and closed within a fold never reaches the database. The tables' indexes are
 * dropped before the first write (a `COPY` into empty tables); the keys are built right after it,
 * the other indexes after the last write, then the tables are analysed. The caller's runners
 * continue from the checkpoint this leaves.
 *
 * Its transactions commit with `synchronous_commit = off`: a crash may lose the last of them,
 * which is harmless because an interrupted rebuild starts again from zero in a fresh schema.
 */
export async function bulkFold(targets: readonly BulkTarget[], options: BulkFoldOptions): Promise<BulkFoldResult> {
  const lagCounter = options.lagCounter ?? readingLogLagCounter(options.store, 10_000);
  const budgetKeys = Math.max(1, Math.floor((options.memoryBudgetMb * 2 ** 20) / BYTES_PER_NET_KEY));
  const deferred = await Promise.all(targets.map(({ projection, readModel }) => deferIndexes(readModel, projection.tables)));

  let nets: NetChange[] = targets.map(({ projection }) => projection.netChange({ tablesEmpty: true }));
  let written: LogPosition | null = null;
  let position: LogPosition | null = null;
  let foldedEvents = 0;
  let writes = 0;
  let lastReport = 0;
  let counting = false;
  let finished = false;

  const writeAll = async (): Promise<void> => {
    const from = written;
    const to = position;
    if (to === null || to === from) return;
    // One transaction per target; on PostgreSQL they run side by side on the pool.
    await Promise.all(
      targets.map(({ projection, readModel }, index) =>
        readModel.transaction(async (tx) => {
          if (readModel.driver === 'postgres') await tx.exec('SET LOCAL synchronous_commit = off');
          await new CheckpointStore(tx).save(tx, projection.name, from, to);
          const net = nets[index];
          // The first write finds the tables empty: COPY the rows in.
          await refusedAs(projection, () => (from === null && canCopy(tx) ? net.load(tx) : net.write(tx)));
        }),
      ),
    );
    // The keys are back before any later write, whose upserts need them.
    if (from === null) await Promise.all(deferred.map((indexes) => indexes.restoreKeys()));
    written = to;
    writes += 1;
  };

  // Up to the head as it is now: on a busy log the fold would otherwise never end. What is
  // appended meanwhile is the runners' to catch up.
  const head = await options.store.headPosition();
  for await (const read of head === null ? [] : logPages(options.store, { pageSize: options.pageSize })) {
    const page = read.filter((event) => compareLogPositions(event.position, head) <= 0);
    if (page.length === 0) break;
    const events = decodeEvents(page);
    for (const [index, net] of nets.entries()) {
      const { projection, readModel } = targets[index];
      await refusedAs(projection, () => net.add(readModel, events));
    }
    position = page[page.length - 1].position;
    foldedEvents += page.length;
    if (nets.reduce((keys, net) => keys + net.size, 0) >= budgetKeys) {
      await writeAll();
      nets = targets.map(({ projection }) => projection.netChange());
    }
    const now = Date.now();
    if (options.onProgress && !counting && now - lastReport >= options.progressIntervalMs) {
      // Counted beside the fold, never in its way (on EventStoreDB a count reads the log).
      lastReport = now;
      counting = true;
      const [at, folded, report] = [position, foldedEvents, options.onProgress];
      lagCounter(at)
        .then((remaining) => finished || report(folded, remaining, at))
        .catch(() => undefined)
        .finally(() => (counting = false));
    }
    if (page.length < read.length || position === head) break;
  }
  await writeAll();
  // Each target's indexes are sorted by its own server process on PostgreSQL.
  if (written === null) await Promise.all(deferred.map((indexes) => indexes.restoreKeys()));
  await Promise.all(deferred.map((indexes) => indexes.restoreRest()));
  finished = true;
  return { position, foldedEvents, writes };
}

function canCopy(tx: SqlClient): tx is CopyingClient {
  return typeof tx.copyRows === 'function';
}

async function refusedAs(projection: Projection, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    throw new BulkFoldRefused(projection.name, error);
  }
}
