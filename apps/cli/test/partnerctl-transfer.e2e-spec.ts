import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EMPTY_STREAM_TIP,
  createSqlEventStore,
  sealEvents,
  verifyLog,
  type ChainTip,
  type EventStore,
  type LogFileManifest,
  type SqlClient,
  type SqlEventStore,
} from '@partnerships/event-store';
import { postgresTestSchema, readWholeLog, testDatabaseUrl } from '@partnerships/event-store/testing';
import { ProjectionHost, READ_MODEL_PROJECTIONS } from '@partnerships/projections';
import { sqlLogLagCounter } from '@partnerships/log-follower';
import { randomProgram } from '../../../libs/projections/src/testing/random-program';
import { PARTNERCTL_MAIN, partnerctl, type PartnerctlRun } from './support/partnerctl.process';

/** The store, with every append sealed as the API's command runner seals it (the program's ledgers do not). */
function sealingAppends(store: SqlEventStore): EventStore {
  const tips = new Map<string, ChainTip>();
  const appendToStream: EventStore['appendToStream'] = async (streamId, events, options) => {
    const sealed = sealEvents(streamId, tips.get(streamId) ?? EMPTY_STREAM_TIP, events);
    const result = await store.appendToStream(streamId, sealed, options);
    tips.set(streamId, { version: result.version, hash: sealed[sealed.length - 1].metadata.hash as string });
    return result;
  };
  return Object.assign(Object.create(store) as SqlEventStore, { appendToStream });
}

/**
 * Every row of every read-model table, as sorted JSON. A log position in a row (the clearance
 * obligations keep one to order by) is each store's own, so it is replaced by its event's id.
 */
async function dumpReadModels(client: SqlClient, store: EventStore): Promise<Record<string, string[]>> {
  const eventIdAt = new Map((await readWholeLog(store)).map((event) => [event.position, event.eventId]));
  const tables: Record<string, string[]> = {};
  for (const projection of READ_MODEL_PROJECTIONS) {
    for (const table of projection.tables) {
      const { rows } = await client.query<{ row: Record<string, unknown> }>(`SELECT to_jsonb(t) AS row FROM ${table} t`);
      tables[table] = rows
        .map(({ row }) => JSON.stringify('position' in row ? { ...row, position: eventIdAt.get(String(row.position)) } : row))
        .sort();
    }
  }
  return tables;
}

/** The one error line of a failed run; progress lines on stderr (not a terminal here) may come before it. */
function oneLine(run: PartnerctlRun): string {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines.slice(0, -1).filter((line) => !/^[a-z ]+: \d+(\/\d+)? events$/.test(line))).toEqual([]);
  expect(lines[lines.length - 1]).toMatch(/^partnerctl: /);
  return lines[lines.length - 1];
}

describe('partnerctl export and import, from the embedded store to PostgreSQL', () => {
  const work = mkdtempSync(join(tmpdir(), 'partnerctl-transfer-'));
  const dataDir = join(work, 'data');
  const file = join(work, 'log.ndjson');
  const target = postgresTestSchema('cli_import');
  const targetEnv = { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: target.schema };
  let sourceReadModels: Record<string, string[]>;

  beforeAll(async () => {
    expect(existsSync(PARTNERCTL_MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
    const { store, client } = await createSqlEventStore({ dataDir });
    try {
      await randomProgram(sealingAppends(store), { seed: 1207, partners: 25, managers: 3 }).write(400);
      const host = new ProjectionHost(READ_MODEL_PROJECTIONS, { store, readModel: client, lagCounter: sqlLogLagCounter(client), idlePollMs: 20 });
      host.start();
      try {
        expect(await host.waitFor((await store.headPosition())!, 30_000)).toBe(true);
      } finally {
        await host.stop();
      }
      sourceReadModels = await dumpReadModels(client, store);
    } finally {
      await store.close();
    }
  });

  afterAll(async () => {
    await target.drop();
    rmSync(work, { recursive: true, force: true });
  });

  it('moves the log with its hashes, and the target rebuilds the same read models and verifies to the manifest', async () => {
    const exported = await partnerctl(['export', '--out', file], { DATA_DIR: dataDir });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toMatch(/^(exporting: \d+ events\n)*$/);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    const manifest = JSON.parse(lines[lines.length - 1]) as LogFileManifest;
    expect(manifest).toMatchObject({ kind: 'manifest', events: lines.length - 2, headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(manifest.events).toBeGreaterThanOrEqual(400);
    expect(exported.stdout).toContain(`exported ${manifest.events} events of ${manifest.streams} streams to ${file}`);

    const imported = await partnerctl(['import', file, '--json'], targetEnv);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: '' });
    expect(JSON.parse(imported.stdout)).toMatchObject({ events: manifest.events, streams: manifest.streams, headHash: manifest.headHash, verified: true });
    const rebuilt = await partnerctl(['projections', 'rebuild', 'all', '--json'], targetEnv);
    expect(rebuilt.code).toBe(0);

    const { store, client } = await createSqlEventStore({ databaseUrl: target.databaseUrl, schema: target.schema });
    try {
      const verification = await verifyLog(store);
      expect(verification.firstBreak).toBeNull();
      expect(verification.head).toMatchObject({ events: manifest.events, hash: manifest.headHash });
      expect(await dumpReadModels(client, store)).toEqual(sourceReadModels);
    } finally {
      await store.close();
    }
  });

  it('refuses a target that is not empty, in one line', async () => {
    const run = await partnerctl(['import', file], targetEnv);

    expect(run.code).toBe(1);
    expect(oneLine(run)).toMatch(/^partnerctl: the target store is not empty \(its log reaches position \d+\): an import needs an empty store$/);
  });

  it('refuses a truncated file and an unreadable path in one line each, writing nothing', async () => {
    const truncated = join(work, 'truncated.ndjson');
    writeFileSync(truncated, readFileSync(file, 'utf8').split('\n').slice(0, -3).join('\n'));
    const empty = postgresTestSchema('cli_import_empty');
    const emptyEnv = { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: empty.schema };
    try {
      const cut = await partnerctl(['import', truncated], emptyEnv);
      const missing = await partnerctl(['import', join(work, 'missing.ndjson')], emptyEnv);

      expect(cut.code).toBe(1);
      expect(oneLine(cut)).toBe('partnerctl: the file ends without its manifest: it is truncated');
      expect(missing.code).toBe(1);
      expect(oneLine(missing)).toBe(`partnerctl: cannot read ${join(work, 'missing.ndjson')}: no such file`);
      const { store } = await createSqlEventStore({ databaseUrl: empty.databaseUrl, schema: empty.schema });
      try {
        expect(await store.headPosition()).toBeNull();
      } finally {
        await store.close();
      }
    } finally {
      await empty.drop();
    }
  });
});
