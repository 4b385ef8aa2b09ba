import { assertSqlIdentifier, type SqlClient, type SqlDriver, type SqlQueryResult } from './sql-client';
import { copyTextChunks, type CopyValue } from './copy-text';

/** What a transaction client needs from the driver's connection or transaction object. */
export interface TransactionConnection {
  query<T>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>>;
  exec(sql: string): Promise<void>;
  /** Sends `text` (COPY text format, in chunks) to `COPY table (columns) FROM …`. */
  copyIn(table: string, columns: readonly string[], text: Iterable<string>): Promise<void>;
}

/**
 * A SqlClient bound to one open transaction. Nested transactions become savepoints, and the
 * client refuses work once its transaction has ended, so a stray late query cannot run outside it.
 */
export class TransactionSqlClient implements SqlClient {
  private ended = false;

  constructor(
    readonly driver: SqlDriver,
    private readonly connection: TransactionConnection,
    private readonly depth = 0,
  ) {}

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>> {
    this.assertActive();
    return this.connection.query<T>(sql, params);
  }

  exec(sql: string): Promise<void> {
    this.assertActive();
    return this.connection.exec(sql);
  }

  async copyRows(table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
    this.assertActive();
    assertSqlIdentifier(table, 'table');
    for (const column of columns) assertSqlIdentifier(column, 'column');
    if (rows.length > 0) await this.connection.copyIn(table, columns, copyTextChunks(rows));
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    this.assertActive();
    const savepoint = `sp_${this.depth + 1}`;
    await this.connection.exec(`SAVEPOINT ${savepoint}`);
    const nested = new TransactionSqlClient(this.driver, this.connection, this.depth + 1);
    try {
      const result = await fn(nested);
      await this.connection.exec(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      await this.connection.exec(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      throw error;
    } finally {
      nested.end();
    }
  }

  close(): Promise<void> {
    return Promise.reject(new Error('A transaction client cannot be closed; close the client that opened it'));
  }

  end(): void {
    this.ended = true;
  }

  private assertActive(): void {
    if (this.ended) {
      throw new Error('This transaction has already ended');
    }
  }
}
