import { PgliteSqlClient } from './pglite-client';
import { PostgresSqlClient } from './postgres-client';
import type { SqlClient } from './sql-client';

export interface SqlClientOptions {
  /** PostgreSQL when set; otherwise the embedded PGlite database. */
  readonly databaseUrl?: string;
  /** PGlite directory; in memory when neither this nor `databaseUrl` is set. */
  readonly dataDir?: string;
  readonly schema?: string;
  /** PostgreSQL pool size, default 16. */
  readonly poolSize?: number;
}

export function createSqlClient(options: SqlClientOptions = {}): Promise<SqlClient> {
  if (options.databaseUrl !== undefined && options.databaseUrl !== '') {
    return PostgresSqlClient.open({
      databaseUrl: options.databaseUrl,
      schema: options.schema,
      poolSize: options.poolSize,
    });
  }
  return PgliteSqlClient.open({ dataDir: options.dataDir, schema: options.schema });
}
