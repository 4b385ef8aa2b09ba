import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** The PostgreSQL that integration tests use; override with TEST_DATABASE_URL. */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface PostgresTestSchema {
  readonly databaseUrl: string;
  /** A fresh, unique schema name; the SQL client creates the schema on open. */
  readonly schema: string;
  drop(): Promise<void>;
}

/** A unique schema per test file keeps test files independent on one shared database. */
export function postgresTestSchema(prefix: string): PostgresTestSchema {
  const schema = `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`.toLowerCase();
  return {
    databaseUrl: testDatabaseUrl,
    schema,
    async drop() {
      const client = new Client({ connectionString: testDatabaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}
