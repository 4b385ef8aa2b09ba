import { postgresTestSchema } from '../testing';
import { createSqlClient } from './create-sql-client';
import { migrate } from './migrations/migration-runner';
import type { SqlClient } from './sql-client';
import { SqlEventStore } from './sql-event-store';

jest.setTimeout(30_000);

async function appliedMigrations(client: SqlClient) {
  const { rows } = await client.query<{ component: string; version: number }>(
    'SELECT component, version FROM schema_migrations ORDER BY component, version',
  );
  return rows;
}

/** What a just-migrated database must show, on either driver. */
function describeFreshEventLog(open: () => Promise<{ client: SqlClient; close(): Promise<void> }>) {
  let client: SqlClient;
  let close: () => Promise<void>;
  let firstRun: number[];

  beforeAll(async () => {
    ({ client, close } = await open());
    firstRun = await migrate(client);
  });

  afterAll(async () => {
    await close();
  });

  it('applies the migrations once, however often it runs', async () => {
    expect(firstRun).toEqual([1, 2]);
    expect(await migrate(client)).toEqual([]);

    expect(await appliedMigrations(client)).toEqual([
      { component: 'event-store', version: 1 },
      { component: 'event-store', version: 2 },
    ]);
  });

  it('starts with an empty log', async () => {
    const store = new SqlEventStore(client);

    expect(await store.headPosition()).toBeNull();
    expect(await store.readAll()).toEqual([]);
    await store.close();
  });

  it('orders the log by number, not by the digits of the position', async () => {
    await client.query(
      `INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata)
       VALUES (9, 'digits', 1, gen_random_uuid(), 'T', '{}', '{}'),
              (10, 'digits', 2, gen_random_uuid(), 'T', '{}', '{}'),
              (100, 'digits', 3, gen_random_uuid(), 'T', '{}', '{}')`,
    );
    const store = new SqlEventStore(client);

    expect((await store.readAll()).map((event) => event.position)).toEqual(['9', '10', '100']);
    expect((await store.readAll({ after: '9' })).map((event) => event.position)).toEqual(['10', '100']);
    expect(await store.headPosition()).toBe('100');
    await store.close();
  });
}

describe('migrating an embedded PGlite database', () => {
  describeFreshEventLog(async () => {
    const client = await createSqlClient();
    return { client, close: () => client.close() };
  });
});

describe('migrating a PostgreSQL schema', () => {
  const database = postgresTestSchema('es_migrate');

  describeFreshEventLog(async () => {
    const client = await createSqlClient({ databaseUrl: database.databaseUrl, schema: database.schema });
    return { client, close: () => client.close() };
  });

  afterAll(async () => {
    await database.drop();
  });
});

describe('when two processes migrate the same new PostgreSQL schema at once', () => {
  const database = postgresTestSchema('es_migrate_race');

  afterAll(async () => {
    await database.drop();
  });

  it('applies each migration exactly once', async () => {
    const clients = await Promise.all(
      [1, 2, 3].map(() => createSqlClient({ databaseUrl: database.databaseUrl, schema: database.schema })),
    );
    try {
      const applied = await Promise.all(clients.map((client) => migrate(client)));

      expect(applied.flat()).toEqual([1, 2]);
      expect(await appliedMigrations(clients[0])).toEqual([
        { component: 'event-store', version: 1 },
        { component: 'event-store', version: 2 },
      ]);
    } finally {
      await Promise.all(clients.map((client) => client.close()));
    }
  });
});
