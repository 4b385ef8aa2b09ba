import { createSqlEventStore, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { describeProjectionRunner } from './testing/projection-runner.contract';

jest.setTimeout(60_000);

// Embedded mode: the log and the read models share one in-memory database.
let store: SqlEventStore;
let client: SqlClient;

beforeAll(async () => {
  ({ store, client } = await createSqlEventStore({}));
});

afterAll(async () => {
  await store.close();
});

describeProjectionRunner('PGlite', () => ({ store, eventStoreClient: client, readModel: client }));
