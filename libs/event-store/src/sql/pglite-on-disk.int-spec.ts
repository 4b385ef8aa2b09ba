import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareLogPositions } from '../event-store.port';
import { newTestEvent } from '../testing';
import { createSqlEventStore } from './create-event-store';
import { DataDirInUseError } from './data-dir.lock';

jest.setTimeout(30_000);

describe('an embedded PGlite event store in a directory', () => {
  let parent: string;

  beforeAll(async () => {
    parent = await mkdtemp(join(tmpdir(), 'event-store-'));
  });

  afterAll(async () => {
    await rm(parent, { recursive: true, force: true });
  });

  it('keeps its events after being closed and reopened', async () => {
    const dataDir = join(parent, 'not-yet-created', 'data');
    const events = [newTestEvent('PartnerSelected', { name: 'Acme' }), newTestEvent('PartnerOnboarded')];
    const first = await createSqlEventStore({ dataDir });
    const appended = await first.store.appendToStream('partnership-acme', events, { expectedVersion: 'no_stream' });
    const before = await first.store.readAll();
    await first.store.close();

    const reopened = await createSqlEventStore({ dataDir });
    try {
      expect(await reopened.store.readAll()).toEqual(before);
      expect((await reopened.store.readStream('partnership-acme')).map((event) => event.eventId)).toEqual(
        events.map((event) => event.eventId),
      );
      const next = await reopened.store.appendToStream('partnership-acme', [newTestEvent()], { expectedVersion: 2 });
      expect(next.version).toBe(3);
      expect(compareLogPositions(appended.position, next.position)).toBe(-1);
    } finally {
      await reopened.store.close();
    }
  });

  it('refuses a directory another live process holds, naming it', async () => {
    const dataDir = join(parent, 'held');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'partnerships.lock'), String(process.ppid));
    await expect(createSqlEventStore({ dataDir })).rejects.toThrow(DataDirInUseError);
    await expect(createSqlEventStore({ dataDir })).rejects.toThrow(`in use by another process (pid ${process.ppid})`);
  });

  it('refuses to open a directory twice in one process, and frees it on close', async () => {
    const dataDir = join(parent, 'twice');
    const first = await createSqlEventStore({ dataDir });
    await expect(createSqlEventStore({ dataDir })).rejects.toThrow('already open in this process');
    await first.store.close();
    const again = await createSqlEventStore({ dataDir });
    await again.store.close();
  });

  it('takes over a lock left by a process that died', async () => {
    const dataDir = join(parent, 'stale');
    await mkdir(dataDir, { recursive: true });
    await writeFile(join(dataDir, 'partnerships.lock'), '2147483646');
    const opened = await createSqlEventStore({ dataDir });
    expect((await readFile(join(dataDir, 'partnerships.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await opened.store.close();
  });
});
