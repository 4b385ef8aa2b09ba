import {
  createEventStoreDbEventStore,
  createSqlClient,
  createSqlEventStore,
  type EventStore,
  type SqlClient,
} from '@partnerships/event-store';
import { postgresTestSchema, startEventStoreDbDouble } from '@partnerships/event-store/testing';
import { readingLogLagCounter, sqlLogLagCounter, type LogLagCounter } from '@partnerships/log-follower';

/** What a projection test needs: a log, a way to count its lag, and a read-model database. */
export interface ReadModelEnvironment {
  readonly store: EventStore;
  /** Counts the log's events after a position (SQL count, or reading EventStoreDB). */
  readonly lagCounter: LogLagCounter;
  /** The read-model database: the event store's or another one. */
  readonly readModel: SqlClient;
}

export interface OpenedReadModelEnvironment {
  readonly environment: ReadModelEnvironment;
  dispose(): Promise<void>;
}

export const READ_MODEL_STORE_KINDS = ['PGlite', 'PostgreSQL', 'EventStoreDB (protocol double)'] as const;
export type ReadModelStoreKind = (typeof READ_MODEL_STORE_KINDS)[number];

/**
 * PGlite: the log and the read model share one in-memory database. PostgreSQL: the read model in
 * another schema than the log, both fresh and named after `schemaPrefix`. EventStoreDB: the adapter
 * on a protocol double of its own, the read model in a fresh PostgreSQL schema (as deployed).
 */
export async function openReadModelEnvironment(kind: ReadModelStoreKind, schemaPrefix: string): Promise<OpenedReadModelEnvironment> {
  switch (kind) {
    case 'PGlite': {
      const { store, client } = await createSqlEventStore({});
      return {
        environment: { store, lagCounter: sqlLogLagCounter(client), readModel: client },
        dispose: () => store.close(),
      };
    }
    case 'PostgreSQL': {
      const eventSchema = postgresTestSchema(`${schemaPrefix}_log`);
      const readModelSchema = postgresTestSchema(`${schemaPrefix}_read`);
      const { store, client } = await createSqlEventStore({ databaseUrl: eventSchema.databaseUrl, schema: eventSchema.schema });
      const readModel = await createSqlClient({ databaseUrl: readModelSchema.databaseUrl, schema: readModelSchema.schema });
      return {
        environment: { store, lagCounter: sqlLogLagCounter(client), readModel },
        dispose: async () => {
          await readModel.close();
          await store.close();
          await eventSchema.drop();
          await readModelSchema.drop();
        },
      };
    }
    case 'EventStoreDB (protocol double)': {
      const double = await startEventStoreDbDouble();
      const store = await createEventStoreDbEventStore(double.connectionString);
      const readModelSchema = postgresTestSchema(`${schemaPrefix}_read`);
      const readModel = await createSqlClient({ databaseUrl: readModelSchema.databaseUrl, schema: readModelSchema.schema });
      return {
        environment: { store, lagCounter: readingLogLagCounter(store), readModel },
        dispose: async () => {
          await readModel.close();
          await store.close();
          await double.stop();
          await readModelSchema.drop();
        },
      };
    }
  }
}
