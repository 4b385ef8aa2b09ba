import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { Client, Pool, type ClientConfig, type PoolClient, type QueryConfig } from 'pg';
import { assertSqlIdentifier, type SqlClient, type SqlQueryResult } from './sql-client';
import { copyFromStatement } from './copy-text';
import { TransactionSqlClient } from './transaction-client';

export interface PostgresClientOptions {
  readonly databaseUrl: string;
  /** Every connection gets `search_path=<schema>`; the schema is created if missing. */
  readonly schema?: string;
  /** Default 16. */
  readonly poolSize?: number;
}

type NotifyHandler = { readonly onNotify: (payload: string) => void; readonly onError?: (error: Error) => void };

export class PostgresSqlClient implements SqlClient {
  readonly driver = 'postgres' as const;
  private readonly listener: PostgresListener;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly pool: Pool,
    connectionConfig: ClientConfig,
  ) {
    this.listener = new PostgresListener(connectionConfig);
  }

  static async open(options: PostgresClientOptions): Promise<PostgresSqlClient> {
    const config: ClientConfig = { connectionString: options.databaseUrl };
    if (options.schema !== undefined) {
      assertSqlIdentifier(options.schema, 'schema');
      await createSchemaIfMissing(config, options.schema);
      config.options = `-c search_path=${options.schema}`;
    }
    const pool = new Pool({ ...config, max: options.poolSize ?? 16 });
    // An idle connection that dies is dropped by the pool; without a listener it would crash the process.
    pool.on('error', () => undefined);
    return new PostgresSqlClient(pool, config);
  }

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>> {
    const result = await this.pool.query(preparedStatement(sql, params));
    return { rows: result.rows as T[] };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    const tx = new TransactionSqlClient('postgres', connectionAdapter(connection));
    let broken = false;
    try {
      await connection.query('BEGIN');
      const result = await fn(tx);
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await connection.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      tx.end();
      // A connection whose rollback failed is in an unknown state: destroy it rather than reuse it.
      connection.release(broken || undefined);
    }
  }

  listen(
    channel: string,
    onNotify: (payload: string) => void,
    onError?: (error: Error) => void,
  ): Promise<() => Promise<void>> {
    return this.listener.listen(channel, { onNotify, onError });
  }

  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.listener.close();
      await this.pool.end();
    })();
    return this.closing;
  }
}

function connectionAdapter(connection: PoolClient) {
  return {
    async query<T>(sql: string, params?: readonly unknown[]): Promise<SqlQueryResult<T>> {
      const result = await connection.query(preparedStatement(sql, params));
      return { rows: result.rows as T[] };
    },
    async exec(sql: string): Promise<void> {
      await connection.query(sql);
    },
    async copyIn(table: string, columns: readonly string[], text: Iterable<string>): Promise<void> {
      const stream = connection.query(copyFrom(copyFromStatement(table, columns, 'STDIN')));
      await pipeline(Readable.from(text), stream);
    },
  };
}

async function createSchemaIfMissing(config: ClientConfig, schema: string): Promise<void> {
  const client = new Client(config);
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  } catch (error) {
    // Two processes creating the same schema at once: the loser sees a unique violation.
    if ((error as { code?: string }).code !== '23505') {
      throw error;
    }
  } finally {
    await client.end();
  }
}

/**
 * One dedicated connection shared by every LISTEN of a client, opened on the first listen and
 * closed after the last one stops. Operations are serialised so LISTEN/UNLISTEN never race.
 */
class PostgresListener {
  private connection: Client | null = null;
  private readonly handlers = new Map<string, Set<NotifyHandler>>();
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;

  constructor(private readonly config: ClientConfig) {}

  listen(channel: string, handler: NotifyHandler): Promise<() => Promise<void>> {
    assertSqlIdentifier(channel, 'channel');
    return this.serialise(async () => {
      if (this.closed) {
        throw new Error('The SQL client is closed');
      }
      const connection = this.connection ?? (await this.connect());
      let set = this.handlers.get(channel);
      if (set === undefined) {
        await connection.query(`LISTEN ${channel}`);
        set = new Set();
        this.handlers.set(channel, set);
      }
      set.add(handler);
      return () => this.serialise(() => this.remove(connection, channel, handler));
    });
  }

  close(): Promise<void> {
    return this.serialise(async () => {
      this.closed = true;
      const connection = this.connection;
      this.connection = null;
      this.handlers.clear();
      await connection?.end().catch(() => undefined);
    });
  }

  private async connect(): Promise<Client> {
    const connection = new Client(this.config);
    connection.on('notification', (message) => {
      for (const handler of this.handlers.get(message.channel) ?? []) {
        handler.onNotify(message.payload ?? '');
      }
    });
    connection.on('error', (error) => this.fail(connection, error));
    connection.on('end', () => this.fail(connection, new Error('The LISTEN connection ended')));
    await connection.connect();
    this.connection = connection;
    return connection;
  }

  private async remove(connection: Client, channel: string, handler: NotifyHandler): Promise<void> {
    const set = this.handlers.get(channel);
    if (this.connection !== connection || set === undefined || !set.delete(handler)) {
      return;
    }
    if (set.size === 0) {
      this.handlers.delete(channel);
      if (this.handlers.size === 0) {
        this.connection = null;
        await connection.end().catch(() => undefined);
      } else {
        await connection.query(`UNLISTEN ${channel}`);
      }
    }
  }

  private fail(connection: Client, error: Error): void {
    if (this.connection !== connection) {
      return;
    }
    this.connection = null;
    const handlers = [...this.handlers.values()].flatMap((set) => [...set]);
    this.handlers.clear();
    connection.end().catch(() => undefined);
    for (const handler of handlers) {
      handler.onError?.(error);
    }
  }

  private serialise<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

const statementNames = new Map<string, string>();
/** Past this many distinct statements (generated SQL), further ones run unprepared. */
const MAX_PREPARED_STATEMENTS = 256;

/**
 * Parameterised queries run as named prepared statements: each connection parses and plans a
 * statement once instead of on every call (the appends and reads are the same few statements).
 */
function preparedStatement(sql: string, params: readonly unknown[] | undefined): QueryConfig {
  if (params === undefined || params.length === 0) return { text: sql };
  let name = statementNames.get(sql);
  if (name === undefined) {
    if (statementNames.size >= MAX_PREPARED_STATEMENTS) return { text: sql, values: params as unknown[] };
    name = `s${createHash('sha1').update(sql).digest('hex').slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return { name, text: sql, values: params as unknown[] };
}
