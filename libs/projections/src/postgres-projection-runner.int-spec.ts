import { createSqlClient, createSqlEventStore, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { postgresTestSchema } from '@partnerships/event-store/testing';
import { describeProjectionRunner } from './testing/projection-runner.contract';

jest.setTimeout(60_000);

// The read models live in another schema than the log: the runner must not assume one database.
const eventSchema = postgresTestSchema('proj_log');
const readModelSchema = postgresTestSchema('proj_read');
let store: SqlEventStore;
let eventStoreClient: SqlClient;
let readModel: SqlClient;

beforeAll(async () => {
  ({ store, client: eventStoreClient } = await createSqlEventStore({
    databaseUrl: eventSchema.databaseUrl,
    schema: eventSchema.schema,
  }));
  readModel = await createSqlClient({ databaseUrl: readModelSchema.databaseUrl, schema: readModelSchema.schema });
});

afterAll(async () => {
  await readModel.close();
  await store.close();
  await eventSchema.drop();
  await readModelSchema.drop();
});

describeProjectionRunner('PostgreSQL', () => ({ store, eventStoreClient, readModel }));
