import type { SqlClient } from '@partnerships/event-store';
import { SqlProcessedEvents } from './sql-processed-events';
import { dedupDatabases } from './testing/dedup-databases';

const databases = dedupDatabases('processed');

describe.each(databases)('the processed events of consumers in %s', (_name, open) => {
  let client: SqlClient;
  let close: () => Promise<void>;
  let marks: SqlProcessedEvents;

  beforeEach(async () => {
    ({ client, close } = await open());
    marks = new SqlProcessedEvents(client);
    await marks.prepare();
    await marks.prepare();
  });

  afterEach(async () => {
    await close();
  });

  it('answers the ids not processed before and remembers them', async () => {
    const first = await marks.transaction((tx) => marks.markProcessed(tx, 'analytics', ['a', 'b']));
    const second = await marks.transaction((tx) => marks.markProcessed(tx, 'analytics', ['b', 'c', 'c']));
    expect([...first].sort()).toEqual(['a', 'b']);
    expect([...second]).toEqual(['c']);
  });

  it('keeps the marks of each consumer apart', async () => {
    await marks.transaction((tx) => marks.markProcessed(tx, 'analytics', ['a']));
    const billing = await marks.transaction((tx) => marks.markProcessed(tx, 'billing', ['a']));
    expect([...billing]).toEqual(['a']);
  });

  it('forgets the marks of a rolled back transaction', async () => {
    await expect(
      marks.transaction(async (tx) => {
        await marks.markProcessed(tx, 'analytics', ['a']);
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    const again = await marks.transaction((tx) => marks.markProcessed(tx, 'analytics', ['a']));
    expect([...again]).toEqual(['a']);
  });

  it('forgets the marks older than a given time, for one consumer', async () => {
    await marks.transaction((tx) => marks.markProcessed(tx, 'analytics', ['a', 'b']));
    await marks.transaction((tx) => marks.markProcessed(tx, 'billing', ['a']));
    expect(await marks.forgetProcessedBefore('analytics', new Date(Date.now() + 60_000))).toBe(2);
    const again = await marks.transaction((tx) => marks.markProcessed(tx, 'analytics', ['a']));
    const billing = await marks.transaction((tx) => marks.markProcessed(tx, 'billing', ['a']));
    expect([...again]).toEqual(['a']);
    expect([...billing]).toEqual([]);
  });
});
