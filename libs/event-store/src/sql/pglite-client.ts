import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import { assertSqlIdentifier, type SqlClient, type SqlQueryResult } from './sql-client';
import { lockDataDir } from './data-dir.lock';
import { copyFromStatement } from './copy-text';
import { TransactionSqlClient } from './transaction-client';

export interface PgliteClientOptions {
  /** Database directory, created if missing; in memory when omitted (tests). */
  readonly dataDir?: string;
  /** Created if missing and put first on the search path. */
  readonly schema?: string;
}

/**
 * PGlite has a single connection: every top-level statement and transaction goes through one
 * promise queue, so a query of one caller never runs inside another caller's open transaction.
 */
export class PgliteSqlClient implements SqlClient {
  readonly driver = 'pglite' as const;
  private queue: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly db: PGlite,
    private readonly releaseDataDir: () => void,
  ) {}

  static async open(options: PgliteClientOptions = {}): Promise<PgliteSqlClient> {
    let release = () => {};
    if (options.dataDir !== undefined) {
      await mkdir(options.dataDir, { recursive: true });
      release = lockDataDir(options.dataDir);
    }
    const db = new (loadPglite())(options.dataDir);
    try {
      await db.waitReady;
    } catch (error) {
      release();
      throw error;
    }
    if (options.schema !== undefined) {
      assertSqlIdentifier(options.schema, 'schema');
      await db.exec(`CREATE SCHEMA IF NOT EXISTS ${options.schema}; SET search_path TO ${options.schema}`);
    }
    return new PgliteSqlClient(db, release);
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>> {
    return this.enqueue(async () => {
      const result = await this.db.query<T>(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    });
  }

  exec(sql: string): Promise<void> {
    return this.enqueue(async () => {
      await this.db.exec(sql);
    });
  }

  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    return this.enqueue(() =>
      this.db.transaction(async (transaction) => {
        const tx = new TransactionSqlClient('pglite', transactionAdapter(transaction));
        try {
          return await fn(tx);
        } finally {
          tx.end();
        }
      }),
    );
  }

  listen(channel: string, onNotify: (payload: string) => void): Promise<() => Promise<void>> {
    assertSqlIdentifier(channel, 'channel');
    return this.enqueue(async () => {
      const unlisten = await this.db.listen(channel, onNotify);
      // Closing the database drops its listeners, so stopping after close has nothing to do.
      return () => (this.closing !== null ? Promise.resolve() : this.enqueue(() => unlisten()));
    });
  }

  close(): Promise<void> {
    this.closing ??= this.enqueue(async () => {
      if (!this.db.closed) {
        await this.db.close();
      }
      this.releaseDataDir();
    });
    return this.closing;
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    if (this.closing !== null) {
      return Promise.reject(new Error('The SQL client is closed'));
    }
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/**
 * PGlite's emscripten loader calls `import()`, which a Jest VM context refuses without
 * --experimental-vm-modules. Node's own module loader (Jest replaces `node:module` with its own,
 * `process.getBuiltinModule` still gives Node's) keeps PGlite in the main context, under Jest and
 * in production alike. Loaded on first use, so a PostgreSQL deployment never loads it.
 */
function loadPglite(): typeof PGlite {
  const native = process.getBuiltinModule?.('node:module') ?? { createRequire };
  return (native.createRequire(__filename)('@electric-sql/pglite') as typeof import('@electric-sql/pglite')).PGlite;
}

function transactionAdapter(transaction: Transaction) {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>> {
      const result = await transaction.query<T>(sql, params as unknown[] | undefined);
      return { rows: result.rows };
    },
    async exec(sql: string): Promise<void> {
      await transaction.exec(sql);
    },
    async copyIn(table: string, columns: readonly string[], text: Iterable<string>): Promise<void> {
      await transaction.query(copyFromStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([...text]) });
    },
  };
}
