import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import type { EventStore, SqlClient } from '@partnerships/event-store';
import { settledHead } from '@partnerships/event-store/testing';
import { foldingProjection, type NetChange } from '../projection';
import { allPartnersProjection } from '../read-models/all-partners/all-partners.projection';
import { clearanceProjection } from '../read-models/clearance/clearance.projection';
import { managerContactProjection } from '../read-models/manager-contact/manager-contact.projection';
import { managerPerformanceProjection } from '../read-models/manager-performance/manager-performance.projection';
import { dumpReadModel } from '../testing/read-model-dump';
import { describeOnEachStore, type ReadModelEnvironment } from '../testing/read-model-harness';
import { randomProgram } from '../testing/random-program';
import { RebuildFailedError, rebuildProjections, type RebuildResult } from './projection-rebuild';
import { SchemaScopedClient } from './schema-scoped.client';

const READ_MODELS = [allPartnersProjection, clearanceProjection, managerContactProjection, managerPerformanceProjection];

/** A read model of its own next to the others, in a fresh schema. */
async function scopedReadModel(client: SqlClient, prefix: string): Promise<SqlClient> {
  const schema = `${prefix}_${randomBytes(4).toString('hex')}`;
  await client.exec(`CREATE SCHEMA ${schema}`);
  return new SchemaScopedClient(client, schema);
}

async function dumpAll(client: SqlClient): Promise<Record<string, string[]>[]> {
  return Promise.all(READ_MODELS.map((projection) => dumpReadModel(client, projection)));
}

/** The store, except that its whole-log reads fail as a lost connection does after `pages` of them. */
function failingAfter(store: EventStore, pages: number): EventStore {
  let reads = 0;
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'readAll') {
        return async (...args: Parameters<EventStore['readAll']>) => {
          reads += 1;
          if (reads > pages) throw Object.assign(new Error('connection lost (test)'), { code: 'ECONNRESET' });
          return target.readAll(...args);
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function describeBulkRebuild(name: string, environment: () => ReadModelEnvironment): void {
  describe(`Rebuilding by folding the log in memory on ${name}`, () => {
    it('gives the read models the live runner gives, written once, written at every page of a tiny memory budget, or interrupted and run again', async () => {
      const { store, lagCounter, readModel } = environment();
      const live = await scopedReadModel(readModel, 'bulk_live');
      const once = await scopedReadModel(readModel, 'bulk_once');
      const spilled = await scopedReadModel(readModel, 'bulk_spilled');
      const interrupted = await scopedReadModel(readModel, 'bulk_interrupted');
      // On an empty log first: nothing to fold, and the tables are there.
      await rebuildProjections(READ_MODELS, { store, readModel: interrupted, lagCounter });
      const expectAllBulk = (results: readonly RebuildResult[], writes: (w: number) => void) => {
        for (const result of results) {
          expect(result.foldedInBulk).toBeGreaterThan(0);
          writes(result.bulkWrites);
        }
      };

      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 40 }), async (seed, partners) => {
          await randomProgram(store, { seed, partners, managers: 1 + (seed % 4) }).write(120 + (seed % 200));
          await settledHead(store);
          // The live path: every event through the runner's batches and the projections' apply.
          const reference = await rebuildProjections(READ_MODELS, { store, readModel: live, lagCounter, batchSize: 7, bulk: false });
          expect(reference.every((result) => result.foldedInBulk === 0)).toBe(true);
          const expected = await dumpAll(live);

          expectAllBulk(await rebuildProjections(READ_MODELS, { store, readModel: once, lagCounter }), (writes) => expect(writes).toBe(1));
          expect(await dumpAll(once)).toEqual(expected);

          const spilling = await rebuildProjections(READ_MODELS, { store, readModel: spilled, lagCounter, batchSize: 23, memoryBudgetMb: 0.0001 });
          expectAllBulk(spilling, (writes) => expect(writes).toBeGreaterThan(2));
          expect(await dumpAll(spilled)).toEqual(expected);

          // Stopped by a lost connection partway through its fold: the read models it would
          // replace stay as they were, and the next rebuild starts again from zero.
          const before = await dumpAll(interrupted);
          await expect(
            rebuildProjections(READ_MODELS, { store: failingAfter(store, 3), readModel: interrupted, lagCounter, batchSize: 31, memoryBudgetMb: 0.0001 }),
          ).rejects.toThrow('connection lost (test)');
          expect(await dumpAll(interrupted)).toEqual(before);
          expectAllBulk(await rebuildProjections(READ_MODELS, { store, readModel: interrupted, lagCounter }), () => undefined);
          expect(await dumpAll(interrupted)).toEqual(expected);
        }),
        { numRuns: 3, seed: 20261206 },
      );
    }, 240_000);

    it('names the event a folding projection refuses, replaying the log batch by batch to find it, and leaves the live read model as it was', async () => {
      const { store, lagCounter, readModel } = environment();
      await randomProgram(store, { seed: 31, partners: 6, managers: 2 }).write(80);
      const target = await scopedReadModel(readModel, 'bulk_refusing');
      await rebuildProjections([allPartnersProjection], { store, readModel: target, lagCounter });
      const before = await dumpReadModel(target, allPartnersProjection);
      const all = await store.readAll({ after: null, limit: 10_000 });
      const refused = all[Math.floor(all.length / 2)];
      const refusing = foldingProjection({
        ...allPartnersProjection,
        netChange: (options) => {
          const net = allPartnersProjection.netChange(options);
          const guarded: NetChange = {
            async add(tx, events) {
              if (events.some((event) => event.eventId === refused.eventId)) throw new Error(`refusing ${refused.eventId}`);
              await net.add(tx, events);
            },
            write: (tx) => net.write(tx),
            load: (tx) => net.load(tx),
            get size() {
              return net.size;
            },
          };
          return guarded;
        },
      });
      const rebuild = rebuildProjections([refusing], { store, readModel: target, lagCounter, batchSize: 10 });
      await expect(rebuild).rejects.toThrow(RebuildFailedError);
      await expect(rebuild).rejects.toThrow(refused.eventId);
      expect(await dumpReadModel(target, allPartnersProjection)).toEqual(before);
    }, 60_000);
  });
}

describeOnEachStore('bulk', describeBulkRebuild);
