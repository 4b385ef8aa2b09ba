import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { compareLogPositions, createSqlEventStore, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { eventually, postgresTestSchema, settledHead } from '@partnerships/event-store/testing';
import { ProjectionHost, READ_MODEL_PROJECTIONS, SchemaScopedClient, StoredProjectionPositions } from '@partnerships/projections';
import { sqlLogLagCounter } from '@partnerships/log-follower';
import { dumpReadModel, randomProgram } from '@partnerships/projections/testing';

const PROJECTOR = join(__dirname, '..', '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');
const NAMES = READ_MODEL_PROJECTIONS.map((projection) => projection.name);

/** The built projector (what `npm run start:projector` runs) on the test schema, in small batches so catch-up takes a while. */
function startProjector(schema: string, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, [PROJECTOR], {
    env: { ...process.env, DATABASE_URL: databaseUrl, DATABASE_SCHEMA: schema, PROJECTION_BATCH_SIZE: '10', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('the projector process', () => {
  const schema = postgresTestSchema('projector');
  let store: SqlEventStore;
  let client: SqlClient;
  let positions: StoredProjectionPositions;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ({ store, client } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
    positions = new StoredProjectionPositions(client, NAMES, sqlLogLagCounter(client));
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await store.close();
    await schema.drop();
  });

  it('killed with SIGKILL in the middle of catch-up and restarted, leaves read models equal to a clean rebuild', async () => {
    const program = randomProgram(store, { seed: 424242, partners: 120, managers: 6 });
    await program.write(3_000);
    const head = await settledHead(store);

    const first = startProjector(schema.schema, schema.databaseUrl);
    children.push(first);
    // Mid-way: some projection has committed batches, and none has reached the head.
    const atKill = await eventually(
      () => positions.positions(),
      (stored) => [...stored.values()].some((position) => position !== null) && [...stored.values()].every((position) => compareLogPositions(position, head) < 0),
      30_000,
    );
    first.kill('SIGKILL');
    expect(await exited(first)).toEqual({ code: null, signal: 'SIGKILL' });
    expect([...atKill.values()].some((position) => position !== null)).toBe(true);
    const afterKill = await positions.positions();
    expect([...afterKill.values()].every((position) => compareLogPositions(position, head) < 0)).toBe(true);

    await program.write(200); // the log moves on while the projector is down
    const second = startProjector(schema.schema, schema.databaseUrl);
    children.push(second);
    const finalHead = await settledHead(store);
    await eventually(
      () => positions.positions(),
      (stored) => [...stored.values()].every((position) => compareLogPositions(position, finalHead) >= 0),
      60_000,
    );
    // Nest's shutdown hooks stop the runners after the batch in flight, close the store, then
    // re-raise the signal, so the process ends by SIGTERM.
    second.kill('SIGTERM');
    expect(await exited(second)).toEqual({ code: null, signal: 'SIGTERM' });

    // The clean rebuild: the same projections from zero into a schema of their own.
    const referenceSchema = `reference_${randomBytes(4).toString('hex')}`;
    await client.exec(`CREATE SCHEMA ${referenceSchema}`);
    const reference = new SchemaScopedClient(client, referenceSchema);
    const clean = new ProjectionHost(READ_MODEL_PROJECTIONS, { store, readModel: reference, lagCounter: sqlLogLagCounter(client) });
    clean.start();
    try {
      expect(await clean.waitFor(finalHead, 60_000)).toBe(true);
    } finally {
      await clean.stop();
    }
    for (const projection of READ_MODEL_PROJECTIONS) {
      expect(await dumpReadModel(client, projection)).toEqual(await dumpReadModel(reference, projection));
    }
  });

  it('refuses a bad setting with one line naming the variable', async () => {
    const child = spawn(process.execPath, [PROJECTOR], { env: { ...process.env, PROJECTION_BATCH_SIZE: 'many' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exited(child)).toEqual({ code: 1, signal: null });
    expect(stderr.trim().split('\n')).toEqual([expect.stringMatching(/^projector: configuration error: PROJECTION_BATCH_SIZE must be/)]);
  });
});
