import { createSqlClient, type SqlClientOptions } from './create-sql-client';
import { migrate } from './migrations/migration-runner';
import type { SqlClient } from './sql-client';
import { SqlEventStore, type SqlEventStoreOptions } from './sql-event-store';

export interface CreateSqlEventStoreOptions extends SqlClientOptions {
  readonly store?: Omit<SqlEventStoreOptions, 'ownsClient'>;
}

/**
 * Opens the client (PostgreSQL when `databaseUrl` is set, else PGlite) and migrates it. The store
 * owns the client: `store.close()` closes it too, so close other users of `client` first.
 */
export async function createSqlEventStore(
  options: CreateSqlEventStoreOptions = {},
): Promise<{ store: SqlEventStore; client: SqlClient }> {
  const client = await createSqlClient(options);
  try {
    await migrate(client);
  } catch (error) {
    await client.close();
    throw error;
  }
  return { store: new SqlEventStore(client, { ...options.store, ownsClient: true }), client };
}
