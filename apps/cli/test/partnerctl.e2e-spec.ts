import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSqlEventStore, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { postgresTestSchema, settledHead, testDatabaseUrl } from '@partnerships/event-store/testing';
import { ProjectionHost, READ_MODEL_PROJECTIONS } from '@partnerships/projections';
import { sqlLogLagCounter } from '@partnerships/log-follower';
import { randomProgram } from '../../../libs/projections/src/testing/random-program';
import { PARTNERCTL_MAIN, partnerctl, type PartnerctlRun } from './support/partnerctl.process';

const NAMES = READ_MODEL_PROJECTIONS.map((projection) => projection.name);

/** Every row of every table of every read model, as sorted JSON: two read models are equal when these are. */
async function dumpReadModels(client: SqlClient): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const projection of READ_MODEL_PROJECTIONS) {
    for (const table of projection.tables) {
      const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`);
      tables[table] = rows.map((row) => row.row);
    }
  }
  return tables;
}

async function eventCount(client: SqlClient): Promise<number> {
  const { rows } = await client.query<{ events: number }>('SELECT count(*)::int AS events FROM events');
  return Number(rows[0].events);
}

describe('partnerctl projections, against PostgreSQL with the projections running live elsewhere', () => {
  const schema = postgresTestSchema('cli');
  const storeEnv = { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema.schema };
  let store: SqlEventStore;
  let client: SqlClient;
  let host: ProjectionHost;

  beforeAll(async () => {
    expect(existsSync(PARTNERCTL_MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
    ({ store, client } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
    await randomProgram(store, { seed: 4711, partners: 40, managers: 4 }).write(800);
    host = new ProjectionHost(READ_MODEL_PROJECTIONS, { store, readModel: client, lagCounter: sqlLogLagCounter(client), idlePollMs: 20 });
    host.start();
    expect(await host.waitFor(await settledHead(store), 30_000)).toBe(true);
  });

  afterAll(async () => {
    await host?.stop();
    await store?.close();
    await schema.drop();
  });

  it('rebuilds every projection and leaves the read models row for row as live processing built them', async () => {
    const before = await dumpReadModels(client);
    const events = await eventCount(client);

    const run = await partnerctl(['projections', 'rebuild', 'all', '--json'], storeEnv);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const { projections } = JSON.parse(run.stdout) as { projections: { name: string; appliedEvents: number; eventsPerSecond: number }[] };
    expect(projections.map((projection) => projection.name)).toEqual(NAMES);
    for (const projection of projections) {
      expect(projection).toEqual(
        expect.objectContaining({ appliedEvents: events, swapGapEvents: 0, durationMs: expect.any(Number), eventsPerSecond: expect.any(Number) }),
      );
    }
    expect(await dumpReadModels(client)).toEqual(before);
  });

  it('shows each projection live with no lag', async () => {
    const run = await partnerctl(['projections', 'status', '--json'], storeEnv);

    expect(run.code).toBe(0);
    const { projections } = JSON.parse(run.stdout) as { projections: { name: string; state: string; lag: number; position: string | null }[] };
    expect(projections).toEqual(NAMES.map((name) => ({ name, state: 'live', lag: 0, position: expect.any(String) })));
  });

  it('prints the status and the rebuild figures as aligned tables, with progress lines on a stderr that is not a terminal', async () => {
    const status = await partnerctl(['projections', 'status'], storeEnv);
    const rebuild = await partnerctl(['projections', 'rebuild', 'clearance'], storeEnv);

    expect(status.code).toBe(0);
    const statusLines = status.stdout.trimEnd().split('\n');
    expect(statusLines[0]).toMatch(/^PROJECTION\s+STATE\s+POSITION\s+LAG$/);
    expect(statusLines.slice(1).map((line) => line.split(/\s+/)[0])).toEqual(NAMES);
    expect(statusLines.slice(1).every((line) => / live\s+\d+\s+0$/.test(line))).toBe(true);
    expect(rebuild.code).toBe(0);
    expect(rebuild.stdout).toMatch(/^PROJECTION\s+EVENTS\s+SWAP GAP\s+DURATION\s+EVENTS\/S\nclearance\s+\d+\s+0\s+\d+\.\d\d s\s+\d+\n$/);
    expect(rebuild.stderr).toMatch(/^clearance: building, /);
    expect(rebuild.stderr).toMatch(/\nclearance: done, (\d+)\/\1 events\n$/);
  });

  it('refuses an unknown projection with exit code 2 and one line naming the known ones', async () => {
    const run = await partnerctl(['projections', 'rebuild', 'all-partner'], storeEnv);

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    for (const name of NAMES) expect(run.stderr).toContain(name);
  });

  it.each([[['--help']], [['projections', '--help']], [['projections', 'rebuild', '--help']]])('explains itself with %j', async (args) => {
    const run = await partnerctl(args, storeEnv);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('rebuild');
  });
});

describe('partnerctl projections on an embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerctl-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('says that the API holds the store, and how to rebuild there, while another process has it open', async () => {
    const held = await createSqlEventStore({ dataDir });
    let rebuild: PartnerctlRun;
    let status: PartnerctlRun;
    try {
      await randomProgram(held.store, { seed: 5, partners: 5, managers: 2 }).write(40);
      rebuild = await partnerctl(['projections', 'rebuild', 'clearance'], { DATA_DIR: dataDir });
      status = await partnerctl(['projections', 'status'], { DATA_DIR: dataDir });
    } finally {
      await held.store.close();
    }

    expect(rebuild.code).toBe(1);
    expect(rebuild.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(rebuild.stderr).toMatch(/held by another process \(the running API, most likely\).*POST \/v1\/projections\/clearance\/rebuild/);
    expect(status.code).toBe(1);
    expect(status.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(status.stderr).toContain('GET /v1/projections');
  });

  it('rebuilds there itself once nothing else has it open, and releases it', async () => {
    const run = await partnerctl(['projections', 'rebuild', 'all', '--json'], { DATA_DIR: dataDir });

    expect(run.code).toBe(0);
    const { projections } = JSON.parse(run.stdout) as { projections: { name: string; appliedEvents: number }[] };
    expect(projections.map((projection) => projection.name)).toEqual(NAMES);
    expect(projections.every((projection) => projection.appliedEvents >= 40)).toBe(true);
    const reopened = await createSqlEventStore({ dataDir });
    await reopened.store.close();
  });
});
