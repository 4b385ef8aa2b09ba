import { createSqlEventStore, type EventStore, type SqlClient } from '@partnerships/event-store';
import type { AppConfig } from './app-config';

export interface OpenedStore {
  readonly store: EventStore;
  /** The store's SQL client, which also holds the read models. */
  readonly client: SqlClient;
}

/** Opens the store the configuration names: PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR; migrates it. */
export function openConfiguredStore(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir'> & { readonly databaseSchema?: string | null },
): Promise<OpenedStore> {
  return createSqlEventStore({
    databaseUrl: config.databaseUrl ?? undefined,
    dataDir: config.databaseUrl ? undefined : config.dataDir,
    schema: config.databaseSchema ?? undefined,
  });
}
