import { assertSqlIdentifier, type SqlClient, type SqlDriver, type SqlQueryResult } from '@partnerships/event-store';

/**
 * The read-model client with every statement resolved in `schema` alone: each call runs in a
 * transaction that starts with `SET LOCAL search_path`, so a projection's unqualified table names
 * (and its checkpoint) land there, while the connection's own search path stays untouched for
 * everyone else.
 */
export class SchemaScopedClient implements SqlClient {
  readonly driver: SqlDriver;

  constructor(
    private readonly client: SqlClient,
    readonly schema: string,
  ) {
    assertSqlIdentifier(schema, 'schema');
    this.driver = client.driver;
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>> {
    return this.transaction((tx) => tx.query<T>(sql, params));
  }

  exec(sql: string): Promise<void> {
    return this.transaction((tx) => tx.exec(sql));
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.client.transaction(async (tx) => {
      await tx.exec(`SET LOCAL search_path TO ${this.schema}`);
      return fn(tx);
    });
  }

  /** The underlying client belongs to the caller. */
  async close(): Promise<void> {}
}
