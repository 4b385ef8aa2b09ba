import { randomBytes } from 'node:crypto';
import type { SqlClient } from '@partnerships/event-store';
import { eventually, settledHead } from '@partnerships/event-store/testing';
import type { Projection } from '../projection';
import { ProjectionHost, RebuildInProgressError, UnknownProjectionError } from '../projection-host';
import { allPartnersProjection } from '../read-models/all-partners/all-partners.projection';
import { clearanceProjection } from '../read-models/clearance/clearance.projection';
import { managerContactProjection } from '../read-models/manager-contact/manager-contact.projection';
import { managerPerformanceProjection } from '../read-models/manager-performance/manager-performance.projection';
import { describeOnEachStore, type ReadModelEnvironment } from '../testing/read-model-harness';
import { randomProgram } from '../testing/random-program';
import { dumpReadModel } from '../testing/read-model-dump';
import { StreamCountProjection } from '../testing/stream-count.projection';
import { RebuildFailedError, rebuildProjection, rebuildProjections, rebuildSchemaName, type RebuildProgress, type RebuildResult } from './projection-rebuild';
import { SchemaScopedClient } from './schema-scoped.client';

const READ_MODELS: readonly Projection[] = [allPartnersProjection, clearanceProjection, managerContactProjection, managerPerformanceProjection];

async function schemaExists(client: SqlClient, schema: string): Promise<boolean> {
  const { rows } = await client.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length === 1;
}

async function liveSchema(client: SqlClient): Promise<string> {
  const { rows } = await client.query<{ schema: string }>('SELECT current_schema() AS schema');
  return rows[0].schema;
}

/** A second read model next to the first, in a schema of its own, built only by live processing. */
async function referenceReadModel(client: SqlClient): Promise<SqlClient> {
  const schema = `reference_${randomBytes(4).toString('hex')}`;
  await client.exec(`CREATE SCHEMA ${schema}`);
  return new SchemaScopedClient(client, schema);
}

/** Counts the live All Partners rows again and again: a half-built model would show fewer. */
function watchPartnerCount(client: SqlClient) {
  let reading = true;
  let most = 0;
  let drops = 0;
  const loop = (async () => {
    while (reading) {
      const { rows } = await client.query<{ partners: number }>('SELECT count(*)::int AS partners FROM all_partners_partners');
      const partners = Number(rows[0].partners);
      if (partners < most) drops += 1;
      most = Math.max(most, partners);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
  })();
  return {
    async stop() {
      reading = false;
      await loop;
      return { most, drops };
    },
  };
}

/**
 * Commands arriving as requests do, each in a task of its own (on PGlite, whose answers come back
 * as microtasks, a writer that never yielded would starve every timer in the process). `stop`
 * resolves to the number of events written.
 */
function keepWriting(program: ReturnType<typeof randomProgram>) {
  const before = program.events;
  let writing = true;
  const loop = (async () => {
    while (writing) {
      await program.write(5);
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  return {
    async stop() {
      writing = false;
      await loop;
      return program.events - before;
    },
  };
}

function describeRebuild(name: string, environment: () => ReadModelEnvironment): void {
  describe(`Rebuilding projections on ${name}`, () => {
    it('swaps in, while commands keep arriving and readers keep reading, read models equal row for row to those built live', async () => {
      const { store, lagCounter, readModel } = environment();
      const program = randomProgram(store, { seed: 20261122, partners: 80, managers: 6 });
      const reference = await referenceReadModel(readModel);
      const referenceHost = new ProjectionHost(READ_MODELS, { store, readModel: reference, batchSize: 7, lagCounter, idlePollMs: 20 });
      const liveHost = new ProjectionHost(READ_MODELS, { store, readModel, batchSize: 50, lagCounter, idlePollMs: 20 });
      const progress: RebuildProgress[] = [];

      await program.write(2_000);
      referenceHost.start();
      liveHost.start();
      try {
        expect(await liveHost.waitFor(await settledHead(store), 30_000)).toBe(true);
        const reader = watchPartnerCount(readModel);
        try {
          for (const [index, projection] of READ_MODELS.entries()) {
            const writer = keepWriting(program);
            let result: RebuildResult;
            try {
              // The first two in this process: the host pauses its own runner for the swap. The
              // others as from another process (the CLI): the live runner keeps going and is made
              // to pass the new tables just before the swap, which must then apply that gap.
              result =
                index < 2
                  ? await liveHost.rebuild(projection.name, (step) => progress.push(step))
                  : await rebuildProjection(projection, {
                      store,
                      readModel,
                      lagCounter,
                      progressIntervalMs: 20,
                      onProgress: (step) => progress.push(step),
                      pauseLive: async () => {
                        await program.write(30);
                        expect(await liveHost.waitFor(await settledHead(store), 30_000)).toBe(true);
                        return () => undefined;
                      },
                    });
            } finally {
              expect(await writer.stop()).toBeGreaterThan(0);
            }
            expect(result.appliedEvents).toBeGreaterThanOrEqual(2_000);
            // Folded in memory first, then caught up by the runner with what arrived meanwhile.
            expect(result.foldedInBulk).toBeGreaterThanOrEqual(2_000);
            if (index >= 2) expect(result.swapGapEvents).toBeGreaterThanOrEqual(30);
            // Right after the swap, before later events could paper over a difference.
            const head = await settledHead(store);
            expect(await liveHost.waitFor(head, 30_000)).toBe(true);
            expect(await referenceHost.waitFor(head, 30_000)).toBe(true);
            expect(await dumpReadModel(readModel, projection)).toEqual(await dumpReadModel(reference, projection));
          }
        } finally {
          const seen = await reader.stop();
          expect(seen.drops).toBe(0);
          expect(seen.most).toBeGreaterThan(0);
        }
        await program.write(300); // the live runners carry on from the swapped-in checkpoints
        const head = await settledHead(store);
        expect(await liveHost.waitFor(head, 30_000)).toBe(true);
        expect(await referenceHost.waitFor(head, 30_000)).toBe(true);
        expect((await liveHost.statuses()).every((status) => status.failure === undefined && status.rebuild === undefined)).toBe(true);
      } finally {
        await liveHost.stop();
        await referenceHost.stop();
      }

      for (const projection of READ_MODELS) {
        expect(await dumpReadModel(readModel, projection)).toEqual(await dumpReadModel(reference, projection));
        expect(await schemaExists(readModel, rebuildSchemaName(await liveSchema(readModel), projection.name))).toBe(false);
        const phases = progress.filter((step) => step.projection === projection.name).map((step) => step.phase);
        expect(phases[0]).toBe('building');
        expect(phases.slice(-2)).toEqual(['swapping', 'done']);
      }
    }, 240_000); // about 85 s on the EventStoreDB protocol double, where every read and write goes through protobuf in JS

    it('rebuilds from zero into the same rows after a quiet period, and twice in a row', async () => {
      const { store, lagCounter, readModel } = environment();
      const program = randomProgram(store, { seed: 7, partners: 30, managers: 3 });
      await program.write(600);
      const host = new ProjectionHost(READ_MODELS, { store, readModel, lagCounter, idlePollMs: 20 });
      host.start();
      try {
        expect(await host.waitFor(await settledHead(store), 30_000)).toBe(true);
        const before = await dumpReadModel(readModel, managerPerformanceProjection);
        const versionBefore = await host.version();
        await host.rebuild(managerPerformanceProjection.name);
        expect(await dumpReadModel(readModel, managerPerformanceProjection)).toEqual(before);
        // New tables, though at the same positions: cached answers of the old ones are unreachable.
        expect(await host.version()).not.toBe(versionBefore);
        await host.rebuild(managerPerformanceProjection.name);
        expect(await dumpReadModel(readModel, managerPerformanceProjection)).toEqual(before);

        // All four at once: one runner each, side by side.
        const all = await Promise.all(READ_MODELS.map((projection) => dumpReadModel(readModel, projection)));
        const results = await rebuildProjections(READ_MODELS, { store, readModel, lagCounter, batchSize: 50 });
        expect(results.map((result) => result.projection)).toEqual(READ_MODELS.map((projection) => projection.name));
        expect(await Promise.all(READ_MODELS.map((projection) => dumpReadModel(readModel, projection)))).toEqual(all);
      } finally {
        await host.stop();
      }
    });

    it('leaves the live read model as it was when the new one refuses an event, and names the event', async () => {
      const { store, lagCounter, readModel } = environment();
      const program = randomProgram(store, { seed: 99, partners: 10, managers: 2 });
      await program.write(100);
      const counts = new StreamCountProjection(StreamCountProjection.uniqueName());
      const host = new ProjectionHost([counts], { store, readModel, lagCounter, idlePollMs: 20 });
      host.start();
      try {
        expect(await host.waitFor(await settledHead(store), 30_000)).toBe(true);
        const live = await counts.read(readModel);
        const [refused] = await store.readAll({ after: null, limit: 1 });
        const faulty = new StreamCountProjection(counts.name, { refuseEventId: refused.eventId });
        const rebuild = rebuildProjection(faulty, { store, readModel, lagCounter, progressIntervalMs: 20 });
        await expect(rebuild).rejects.toThrow(RebuildFailedError);
        await expect(rebuild).rejects.toThrow(refused.eventId);
        expect(await counts.read(readModel)).toEqual(live);
        expect(await schemaExists(readModel, rebuildSchemaName(await liveSchema(readModel), counts.name))).toBe(false);
        await program.write(20);
        const head = await settledHead(store);
        await eventually(() => host.waitFor(head, 100), (passed) => passed, 30_000);
        expect((await host.statuses())[0].failure).toBeUndefined();
      } finally {
        await host.stop();
      }
    });

    it('refuses an unknown projection and a second rebuild of the same one before starting anything', async () => {
      const { store, readModel } = environment();
      const counts = new StreamCountProjection(StreamCountProjection.uniqueName());
      const host = new ProjectionHost([counts], { store, readModel, idlePollMs: 20 });
      host.start();
      try {
        expect(() => host.rebuild('no-such-projection')).toThrow(UnknownProjectionError);
        const first = host.rebuild(counts.name);
        expect(() => host.rebuild(counts.name)).toThrow(RebuildInProgressError);
        await first;
      } finally {
        await host.stop();
      }
    });
  });
}

describeOnEachStore('rebuild', describeRebuild);
