import type { CopyValue } from './copy-text';

export type SqlDriver = 'postgres' | 'pglite';

export interface SqlQueryResult<T> {
  readonly rows: T[];
}

/**
 * The little SQL surface that the event store, the idempotency records and the read models need,
 * over either a PostgreSQL pool or an embedded PGlite database.
 */
export interface SqlClient {
  readonly driver: SqlDriver;
  /** One statement, with `$1`-style parameters. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>>;
  /** Several statements without parameters (DDL). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction: commits when it resolves, rolls back when it rejects. Nested
   * calls on `tx` use savepoints. Inside `fn`, use only `tx`: on PGlite the outer client waits
   * for the transaction to end.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /**
   * Loads rows into `table` with COPY (PostgreSQL's `COPY FROM STDIN`, PGlite's `/dev/blob`):
   * the fastest way in for many rows. Offered by a transaction's client (`tx`).
   */
  copyRows?(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void>;
  /**
   * Calls `onNotify` for each NOTIFY on `channel`; `onError` when the listening connection is
   * lost (notifications may then have been missed). Resolves to a function that stops listening.
   */
  listen?(
    channel: string,
    onNotify: (payload: string) => void,
    onError?: (error: Error) => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

const identifierPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** Schema names go into DDL and connection options, so only plain lower-case identifiers pass. */
export function assertSqlIdentifier(name: string, what: string): void {
  if (!identifierPattern.test(name)) {
    throw new Error(`${what} must match ${identifierPattern.source}, got ${JSON.stringify(name)}`);
  }
}
