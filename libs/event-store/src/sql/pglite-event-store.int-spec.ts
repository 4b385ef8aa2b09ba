import {
  describeEventStoreContract,
  describeEventStoreImportContract,
  describeSqlEventStoreBehaviour,
  describeSqlEventStoreImport,
} from '../testing';
import { createSqlEventStore } from './create-event-store';
import type { SqlClient } from './sql-client';
import { SqlEventStore } from './sql-event-store';

// One in-memory database for the file: PGlite takes seconds to start, and the contract
// tolerates a log that other tests also wrote to.
let client: SqlClient;
let owner: SqlEventStore;

beforeAll(async () => {
  ({ store: owner, client } = await createSqlEventStore());
});

afterAll(async () => {
  await owner.close();
});

/**
 * An import needs an empty log: the shared one is emptied, which the other tests never see, as
 * the import tests are declared (and run) last.
 */
async function storeWithEmptyLog() {
  await client.exec('TRUNCATE events');
  const store = new SqlEventStore(client);
  return { store, client, teardown: () => store.close() };
}

async function storeOnSharedClient() {
  const store = new SqlEventStore(client);
  return { store, client, teardown: () => store.close() };
}

describeEventStoreContract('PGlite', storeOnSharedClient);
describeSqlEventStoreBehaviour('PGlite', storeOnSharedClient);
describeEventStoreImportContract('PGlite', storeWithEmptyLog);
describeSqlEventStoreImport('PGlite', storeWithEmptyLog);
