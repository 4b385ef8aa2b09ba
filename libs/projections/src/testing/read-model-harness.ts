import { compareLogPositions, type LogPosition } from '@partnerships/event-store';
import { eventually, settledHead } from '@partnerships/event-store/testing';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';

import {
  openReadModelEnvironment,
  READ_MODEL_STORE_KINDS,
  type OpenedReadModelEnvironment,
  type ReadModelEnvironment,
} from './read-model-environments';

export type { ReadModelEnvironment } from './read-model-environments';

export interface CountedProjectionRun {
  /** Sizes of the batches applied, to show that histories were split across them. */
  readonly batchSizes: number[];
  /**
   * Runs the projection from its checkpoint to the head, then stops it. Appending while it is
   * stopped makes it catch up in full batches: a small batch size then splits the histories
   * across batches.
   */
  readonly project: () => Promise<void>;
}

/** Wraps `projection` to record its batch sizes, and runs it to the head in batches of `batchSize`. */
export function countedProjectionRun(
  projection: Projection,
  batchSize: number,
  environment: () => ReadModelEnvironment,
): CountedProjectionRun {
  const batchSizes: number[] = [];
  const counted: Projection = {
    ...projection,
    apply: (tx, events) => {
      batchSizes.push(events.length);
      return projection.apply(tx, events);
    },
  };

  async function project(): Promise<void> {
    const { store, lagCounter, readModel } = environment();
    const head: LogPosition = await settledHead(store);
    const runner = new ProjectionRunner(counted, {
      store,
      readModel,
      batchSize,
      lagCounter,
    });
    runner.start();
    try {
      const status = await eventually(
        () => runner.status(),
        (current) => current.state === 'failed' || compareLogPositions(current.position, head) >= 0,
        20_000,
      );
      expect(status.failure).toBeUndefined();
      expect(compareLogPositions(status.position, head)).toBeGreaterThanOrEqual(0);
    } finally {
      await runner.stop();
    }
  }

  return { batchSizes, project };
}

/**
 * Declares `suite` on each store: PGlite (the log and the read model share one in-memory
 * database), PostgreSQL (the read model in another schema than the log, as in the runner's
 * contract, in fresh schemas named after `schemaPrefix`) and the EventStoreDB adapter on its
 * protocol double (read model in PostgreSQL).
 */
export function describeOnEachStore(
  schemaPrefix: string,
  suite: (name: string, environment: () => ReadModelEnvironment) => void,
): void {
  for (const kind of READ_MODEL_STORE_KINDS) {
    describe(kind, () => {
      let opened: OpenedReadModelEnvironment;

      beforeAll(async () => {
        opened = await openReadModelEnvironment(kind, schemaPrefix);
      });

      afterAll(async () => {
        await opened.dispose();
      });

      suite(kind, () => opened.environment);
    });
  }
}
