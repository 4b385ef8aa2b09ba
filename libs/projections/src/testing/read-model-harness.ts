import {
  compareLogPositions,
  createSqlClient,
  createSqlEventStore,
  type LogPosition,
  type SqlClient,
  type SqlEventStore,
} from '@partnerships/event-store';
import { eventually, postgresTestSchema, settledHead } from '@partnerships/event-store/testing';
import { sqlLogLagCounter } from '../log-lag.counter';
import type { Projection } from '../projection';
import { ProjectionRunner } from '../projection-runner';

export interface ReadModelEnvironment {
  readonly store: SqlEventStore;
  /** The event store's client, for counting the lag. */
  readonly eventStoreClient: SqlClient;
  /** The read-model database: the event store's or another one. */
  readonly readModel: SqlClient;
}

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
    const { store, eventStoreClient, readModel } = environment();
    const head: LogPosition = await settledHead(store);
    const runner = new ProjectionRunner(counted, {
      store,
      readModel,
      batchSize,
      lagCounter: sqlLogLagCounter(eventStoreClient),
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
 * Declares `suite` on PGlite (the log and the read model share one in-memory database) and on
 * PostgreSQL (the read model lives in another schema than the log, as in the runner's contract,
 * in fresh schemas named after `schemaPrefix`).
 */
export function describeOnPgliteAndPostgres(
  schemaPrefix: string,
  suite: (name: string, environment: () => ReadModelEnvironment) => void,
): void {
  describe('PGlite', () => {
    let environment: ReadModelEnvironment;

    beforeAll(async () => {
      const { store, client } = await createSqlEventStore({});
      environment = { store, eventStoreClient: client, readModel: client };
    });

    afterAll(async () => {
      await environment.store.close();
    });

    suite('PGlite', () => environment);
  });

  describe('PostgreSQL', () => {
    const eventSchema = postgresTestSchema(`${schemaPrefix}_log`);
    const readModelSchema = postgresTestSchema(`${schemaPrefix}_read`);
    let environment: ReadModelEnvironment;

    beforeAll(async () => {
      const { store, client } = await createSqlEventStore({ databaseUrl: eventSchema.databaseUrl, schema: eventSchema.schema });
      const readModel = await createSqlClient({ databaseUrl: readModelSchema.databaseUrl, schema: readModelSchema.schema });
      environment = { store, eventStoreClient: client, readModel };
    });

    afterAll(async () => {
      await environment.readModel.close();
      await environment.store.close();
      await eventSchema.drop();
      await readModelSchema.drop();
    });

    suite('PostgreSQL', () => environment);
  });
}
