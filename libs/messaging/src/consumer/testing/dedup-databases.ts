import { createSqlClient, type SqlClient } from '@partnerships/event-store';
import { postgresTestSchema } from '@partnerships/event-store/testing';

export interface OpenedDatabase {
  readonly client: SqlClient;
  close(): Promise<void>;
}

/** The databases a consumer's dedup marks are tested on: a fresh PostgreSQL schema and an in-memory PGlite. */
export function dedupDatabases(schemaPrefix: string): [string, () => Promise<OpenedDatabase>][] {
  return [
    [
      'PostgreSQL',
      async () => {
        const schema = postgresTestSchema(schemaPrefix);
        const client = await createSqlClient({ databaseUrl: schema.databaseUrl, schema: schema.schema, poolSize: 4 });
        return { client, close: async () => (await client.close(), await schema.drop()) };
      },
    ],
    [
      'PGlite',
      async () => {
        const client = await createSqlClient();
        return { client, close: () => client.close() };
      },
    ],
  ];
}
