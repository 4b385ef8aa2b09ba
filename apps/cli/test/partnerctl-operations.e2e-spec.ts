import { existsSync } from 'node:fs';
import { createSqlEventStore, verifyLog, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { postgresTestSchema, readWholeLog } from '@partnerships/event-store/testing';
import { CheckpointStore } from '@partnerships/log-follower';
import { PARTNERCTL_MAIN, partnerctl } from './support/partnerctl.process';

describe('partnerctl seed and relay status, against PostgreSQL', () => {
  const schema = postgresTestSchema('cli_ops');
  const storeEnv = { DATABASE_URL: schema.databaseUrl, DATABASE_SCHEMA: schema.schema };
  let store: SqlEventStore;
  let client: SqlClient;

  beforeAll(async () => {
    expect(existsSync(PARTNERCTL_MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
    ({ store, client } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
  });

  afterAll(async () => {
    await store?.close();
    await schema.drop();
  });

  it('seeds a program of 20 partners on a sealed chain and answers with its figures in JSON', async () => {
    const run = await partnerctl(['seed', '--partners', '20', '--seed', '11', '--end-at', '2026-01-01', '--json'], storeEnv);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    const verification = await verifyLog(store);
    expect(summary).toEqual({
      seed: 11,
      partners: 20,
      teammates: expect.any(Number),
      events: verification.head.events,
      from: '2025-01-01T00:00:00.000Z',
      endAt: '2026-01-01T00:00:00.000Z',
      firstPartnerId: 's11-p000001',
      lastPartnerId: 's11-p000020',
      elapsedMs: expect.any(Number),
    });
    expect(verification.firstBreak).toBeNull();
  });

  it('says that no relay has run, then shows a relay checkpoint with its lag and when it moved', async () => {
    const before = await partnerctl(['relay', 'status'], storeEnv);
    const log = await readWholeLog(store);
    const checkpoints = new CheckpointStore(client);
    await checkpoints.prepare();
    await checkpoints.register(client, 'relay:partnerships.events');
    await checkpoints.save(client, 'relay:partnerships.events', null, log[log.length - 11].position);

    const after = await partnerctl(['relay', 'status', '--json'], storeEnv);

    expect(before).toEqual({ code: 0, stdout: 'no relay has run against this store\n', stderr: '' });
    expect(after.code).toBe(0);
    expect(JSON.parse(after.stdout)).toEqual({
      relays: [{ topic: 'partnerships.events', position: log[log.length - 11].position, lag: 10, updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) }],
    });
  });

  it('refuses a count of partners that is not a positive integer with one line and the usage exit code, writing nothing', async () => {
    const events = (await readWholeLog(store)).length;

    const run = await partnerctl(['seed', '--partners', '0'], storeEnv);

    expect({ code: run.code, stdout: run.stdout, stderr: run.stderr }).toEqual({
      code: 2,
      stdout: '',
      stderr: 'partnerctl: --partners must be an integer from 1 to 1,000,000 (got "0")\n',
    });
    expect((await readWholeLog(store)).length).toBe(events);
  });
});
