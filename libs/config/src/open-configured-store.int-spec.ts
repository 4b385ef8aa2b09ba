import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDbEventStore, SqlEventStore } from '@partnerships/event-store';
import { newTestEvent, startEventStoreDbDouble, type EventStoreDbDouble } from '@partnerships/event-store/testing';
import { loadConfig } from './app-config';
import { describeConfiguredStore, openConfiguredStore } from './open-configured-store';

describe('opening the store the configuration names', () => {
  let double: EventStoreDbDouble;
  let dataDir: string;

  beforeAll(async () => {
    double = await startEventStoreDbDouble();
  });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'configured-store-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await double.stop();
  });

  it('puts the log in EventStoreDB with EVENTSTORE_CONNECTION_STRING and the read models in PGlite', async () => {
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: double.connectionString, DATA_DIR: dataDir });
    const opened = await openConfiguredStore(config);
    try {
      expect(opened.store).toBeInstanceOf(EventStoreDbEventStore);
      expect(opened.logClient).toBeNull();
      const written = await opened.store.appendToStream('partnership-configured', [newTestEvent()], { expectedVersion: 'no_stream' });
      expect(await opened.store.headPosition()).toBe(written.position);
      // Other applications' streams on the same server are not ours.
      await opened.store.appendToStream('billing-elsewhere', [newTestEvent()], { expectedVersion: 'no_stream' });
      expect((await opened.store.readAll()).map((event) => event.streamId)).toEqual(['partnership-configured']);
      // No event log in the read-model database.
      const { rows } = await opened.client.query<{ events: string | null }>("SELECT to_regclass('events')::text AS events");
      expect(rows[0].events).toBeNull();
      expect(describeConfiguredStore(config)).toBe(`EventStoreDB at ${double.connectionString}, read models in embedded PGlite in ${dataDir}`);
    } finally {
      await opened.close();
    }
  });

  it('keeps the SQL log and its client together without EVENTSTORE_CONNECTION_STRING', async () => {
    const opened = await openConfiguredStore(loadConfig({ DATA_DIR: dataDir }));
    try {
      expect(opened.store).toBeInstanceOf(SqlEventStore);
      expect(opened.logClient).toBe(opened.client);
    } finally {
      await opened.close();
    }
  });

  it('says which EventStoreDB does not answer, without its credentials', async () => {
    const config = loadConfig({ EVENTSTORE_CONNECTION_STRING: 'esdb://admin:secret@127.0.0.1:1?tls=false', DATA_DIR: dataDir });
    const failure = openConfiguredStore(config);
    await expect(failure).rejects.toThrow(/^EventStoreDB at esdb:\/\/\*\*\*@127\.0\.0\.1:1\?tls=false does not answer/);
    await expect(failure).rejects.not.toThrow(/secret/);
  });
});
