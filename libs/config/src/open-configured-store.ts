import { API_KEY_STREAM_PREFIX, WEBHOOK_STREAM_PREFIX, PARTNERSHIP_STREAM_PREFIX, TEAMMATE_STREAM_PREFIX } from '@partnerships/domain';
import {
  createEventStoreDbEventStore,
  redactedConnectionString,
  createSqlClient,
  createSqlEventStore,
  type EventStore,
  type SqlClient,
} from '@partnerships/event-store';
import type { AppConfig } from './app-config';

/** The streams this service writes: an EventStoreDB log may hold other applications' streams too. */
export const OUR_STREAM_PREFIXES: readonly string[] = [PARTNERSHIP_STREAM_PREFIX, TEAMMATE_STREAM_PREFIX, API_KEY_STREAM_PREFIX, WEBHOOK_STREAM_PREFIX];

export interface OpenedStore {
  readonly store: EventStore;
  /** The SQL database of the read models (and of the log itself, for the SQL stores). */
  readonly client: SqlClient;
  /** The SQL database holding the `events` table, or null when the log is in EventStoreDB. */
  readonly logClient: SqlClient | null;
  /** Closes the store and the read-model database. */
  close(): Promise<void>;
}

type StoreSettings = Pick<AppConfig, 'databaseUrl' | 'dataDir'> & {
  readonly databaseSchema?: string | null;
  readonly eventStoreConnectionString?: string | null;
};

/**
 * Opens the store the configuration names: EventStoreDB with EVENTSTORE_CONNECTION_STRING (read
 * models then in DATABASE_URL, else PGlite in DATA_DIR), else the SQL log itself in PostgreSQL with
 * DATABASE_URL or in PGlite in DATA_DIR, migrated.
 */
export async function openConfiguredStore(config: StoreSettings): Promise<OpenedStore> {
  const sql = {
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    schema: config.databaseSchema ?? undefined,
  };
  if (config.eventStoreConnectionString) {
    const store = await createEventStoreDbEventStore(config.eventStoreConnectionString, { streamPrefixes: OUR_STREAM_PREFIXES });
    let client: SqlClient;
    try {
      client = await createSqlClient(sql);
    } catch (error) {
      await store.close();
      throw error;
    }
    return {
      store,
      client,
      logClient: null,
      close: async () => {
        await store.close();
        await client.close();
      },
    };
  }
  const { store, client } = await createSqlEventStore(sql);
  // The SQL store owns its client and closes it too.
  return { store, client, logClient: client, close: () => store.close() };
}

/** Where the log and the read models are, for the start-up log line (no credentials). */
export function describeConfiguredStore(config: StoreSettings): string {
  const sql = config.databaseUrl
    ? `PostgreSQL${config.databaseSchema ? ` (schema ${config.databaseSchema})` : ''}`
    : `embedded PGlite in ${config.dataDir}`;
  return config.eventStoreConnectionString
    ? `EventStoreDB at ${redactedConnectionString(config.eventStoreConnectionString)}, read models in ${sql}`
    : sql;
}
