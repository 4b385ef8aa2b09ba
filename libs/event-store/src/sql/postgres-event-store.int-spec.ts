import { ConcurrencyError } from '@partnerships/domain';
import {
  eventually,
  describeEventStoreContract,
  describeEventStoreImportContract,
  describeSqlEventStoreBehaviour,
  describeSqlEventStoreImport,
  newTestEvent,
  postgresTestSchema,
  settledHead,
  SubscriptionProbe,
  uniqueStreamId,
} from '../testing';
import { createSqlEventStore } from './create-event-store';
import type { SqlClient } from './sql-client';
import { SqlEventStore } from './sql-event-store';

jest.setTimeout(30_000);

const database = postgresTestSchema('es_contract');
let client: SqlClient;
let owner: SqlEventStore;

beforeAll(async () => {
  ({ store: owner, client } = await createSqlEventStore({ databaseUrl: database.databaseUrl, schema: database.schema }));
});

afterAll(async () => {
  await owner.close();
  await database.drop();
});

async function storeOnSharedClient() {
  const store = new SqlEventStore(client);
  return { store, client, teardown: () => store.close() };
}

describeEventStoreContract('PostgreSQL', storeOnSharedClient);
describeSqlEventStoreBehaviour('PostgreSQL', storeOnSharedClient);

/** A schema of its own: an import needs an empty log. */
async function storeWithEmptyLog() {
  const empty = postgresTestSchema('es_import');
  const { store, client: emptyClient } = await createSqlEventStore({ databaseUrl: empty.databaseUrl, schema: empty.schema });
  return {
    store,
    client: emptyClient,
    teardown: async () => {
      await store.close();
      await empty.drop();
    },
  };
}

describeEventStoreImportContract('PostgreSQL', storeWithEmptyLog);
describeSqlEventStoreImport('PostgreSQL', storeWithEmptyLog);

describe('PostgreSQL event store with concurrent transactions', () => {
  let store: SqlEventStore;

  beforeEach(() => {
    store = new SqlEventStore(client);
  });

  afterEach(async () => {
    await store.close();
  });

  /** Holds a transaction open after its append until `release` is called. */
  function openAppend(streamId: string) {
    let release!: () => void;
    let appended!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const hasAppended = new Promise<void>((resolve) => (appended = resolve));
    const event = newTestEvent();
    const done = store.withTransaction(async (tx) => {
      const result = await tx.appendToStream(streamId, [event], { expectedVersion: 'any' });
      appended();
      await released;
      return result;
    });
    return { event, hasAppended, release, done };
  }

  it('hides a later commit until an earlier open transaction ends', async () => {
    const head = await settledHead(store);
    const early = openAppend(uniqueStreamId('early'));
    try {
      await early.hasAppended;
      const late = newTestEvent();

      const lateResult = await store.appendToStream(uniqueStreamId('late'), [late], { expectedVersion: 'no_stream' });

      expect(await store.readAll({ after: head })).toEqual([]);
      expect(await store.headPosition()).toBe(head);
      early.release();
      const earlyResult = await early.done;
      const log = await eventually(
        () => store.readAll({ after: head }),
        (read) => read.length === 2,
      );
      expect(log.map((event) => event.eventId)).toEqual([early.event.eventId, late.eventId]);
      expect(await store.headPosition()).toBe(lateResult.position);
      expect(BigInt(earlyResult.position) < BigInt(lateResult.position)).toBe(true);
    } finally {
      // A failed expectation must not leave the transaction holding its connection.
      early.release();
      await early.done.catch(() => undefined);
    }
  });

  it('refuses an append from a transaction whose id predates the stream\'s last append', async () => {
    const streamId = uniqueStreamId();
    let tookId!: () => void;
    let newerCommitted!: () => void;
    const whenTookId = new Promise<void>((resolve) => (tookId = resolve));
    const whenNewerCommitted = new Promise<void>((resolve) => (newerCommitted = resolve));
    const older = store.withTransaction(async (tx) => {
      await tx.appendToStream(uniqueStreamId('other'), [newTestEvent()], { expectedVersion: 'no_stream' });
      tookId();
      await whenNewerCommitted;
      return tx.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'any' });
    });
    await whenTookId;

    try {
      await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' });
    } finally {
      newerCommitted();
    }

    const error = await older.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ConcurrencyError);
    expect(error).toMatchObject({ streamId, expected: 'any', actual: 1 });
    expect(await store.readStream(streamId)).toHaveLength(1);
    const retried = await store.withTransaction((tx) =>
      tx.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'any' }),
    );
    expect(retried.version).toBe(2);
  });

  it('wakes a subscriber of another client through NOTIFY', async () => {
    const other = await createSqlEventStore({
      databaseUrl: database.databaseUrl,
      schema: database.schema,
      store: { idlePollMs: 60_000 },
    });
    const probe = new SubscriptionProbe(other.store.subscribeToAll({ after: await settledHead(store) }));
    try {
      await probe.waitFor((p) => p.caughtUpCount === 1);
      const event = newTestEvent();

      await store.appendToStream(uniqueStreamId(), [event], { expectedVersion: 'no_stream' });

      await probe.waitFor((p) => p.events.length === 1, 5_000);
      expect(probe.events[0].eventId).toBe(event.eventId);
    } finally {
      probe.unsubscribe();
      await other.store.close();
    }
  });

  it('lets exactly one of many concurrent appends with the same expected version win', async () => {
    const streamId = uniqueStreamId();
    await store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 'no_stream' });

    const outcomes = await Promise.allSettled(
      Array.from({ length: 12 }, () => store.appendToStream(streamId, [newTestEvent()], { expectedVersion: 1 })),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refused = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []));
    expect(refused).toHaveLength(11);
    for (const reason of refused) {
      expect(reason).toBeInstanceOf(ConcurrencyError);
      expect(reason).toMatchObject({ expected: 1, actual: 2 });
    }
    expect(await store.readStream(streamId)).toHaveLength(2);
  });
});
