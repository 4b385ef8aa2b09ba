import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createSqlEventStore, type RecordedEvent, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { eventually, postgresTestSchema } from '@partnerships/event-store/testing';
import { randomProgram } from '@partnerships/projections/testing';
import { startTestApp, TEST_WEBHOOKS_SECRET_KEY, type TestApp } from '../../api/test/support/test-app';
import { WebhookReceiver } from '../../api/test/support/webhook-receiver';

const PROJECTOR = join(__dirname, '..', '..', '..', 'dist', 'apps', 'projector', 'src', 'main.js');

function startProjector(schema: string, databaseUrl: string): ChildProcess {
  return spawn(process.execPath, [PROJECTOR], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATABASE_SCHEMA: schema,
      LOG_LEVEL: 'warn',
      WEBHOOKS_ALLOW_HTTP: '1',
      WEBHOOKS_ALLOWED_HOSTS: '127.0.0.1',
      WEBHOOKS_SECRET_KEY: TEST_WEBHOOKS_SECRET_KEY,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

describe('webhook delivery in the projector process', () => {
  const schema = postgresTestSchema('projector_webhooks');
  let store: SqlEventStore;
  let client: SqlClient;
  let api: TestApp;
  const receiver = new WebhookReceiver();
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    ({ store, client } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
    // The API only takes commands here (PROJECTIONS=off); the projector projects and delivers.
    api = await startTestApp('postgres', { PROJECTIONS: 'off', WEBHOOKS_ALLOW_HTTP: '1', WEBHOOKS_ALLOWED_HOSTS: '127.0.0.1' }, {
      store: { store, client, logClient: client, close: async () => undefined, dispose: async () => undefined },
    });
  });

  afterAll(async () => {
    for (const child of children) child.kill('SIGKILL');
    await receiver.stop();
    await api.close();
    await store.close();
    await schema.drop();
  });

  it('killed with SIGKILL mid-delivery and restarted, delivers every event, each partner in log order, repeats only with the same webhook-id', async () => {
    const url = await receiver.start();
    const registered = await api.request('POST', '/v1/webhooks', { url, eventTypes: ['*'] });
    expect(registered.status).toBe(201);
    receiver.secrets = [registered.body.secret];
    // A receiver that takes a few milliseconds per delivery, so that the kill lands mid-way.
    receiver.answer = () => new Promise((resolve) => setTimeout(() => resolve(200), 3));
    await randomProgram(store, { seed: 171717, partners: 40, managers: 4 }).write(600);
    const expected: RecordedEvent[] = (await store.readAll({ after: registered.body.position, limit: 10_000 })).filter((event) => !event.streamId.startsWith('webhook-'));
    expect(expected.length).toBeGreaterThan(500);

    const first = startProjector(schema.schema, schema.databaseUrl);
    children.push(first);
    await eventually(async () => receiver.received.length, (count) => count >= 100, 60_000);
    first.kill('SIGKILL');
    expect(await exited(first)).toEqual({ code: null, signal: 'SIGKILL' });
    const beforeRestart = receiver.received.length;
    expect(beforeRestart).toBeLessThan(expected.length);

    const second = startProjector(schema.schema, schema.databaseUrl);
    children.push(second);
    const wanted = new Set(expected.map((event) => event.eventId));
    await eventually(async () => new Set(receiver.received.map((r) => r.id).filter((id) => wanted.has(id))).size, (count) => count === wanted.size, 90_000);
    second.kill('SIGTERM');
    await exited(second);

    expect(receiver.unverified).toEqual([]);
    // First arrival of each event, per partner, in log order.
    const firstArrival = new Map<string, string[]>();
    const seen = new Set<string>();
    for (const { id, event } of receiver.received) {
      if (seen.has(id)) continue;
      seen.add(id);
      firstArrival.set(event.subject, [...(firstArrival.get(event.subject) ?? []), id]);
    }
    const logOrder = new Map<string, string[]>();
    for (const event of expected) {
      const subject = event.streamId.slice(event.streamId.indexOf('-') + 1);
      logOrder.set(subject, [...(logOrder.get(subject) ?? []), event.eventId]);
    }
    for (const [subject, ids] of logOrder) expect(firstArrival.get(subject)).toEqual(ids);
    // A repeat is the same event again (same webhook-id, same body): nothing else arrives twice.
    const bodies = new Map<string, string>();
    for (const { id, body } of receiver.received) {
      if (bodies.has(id)) expect(body).toBe(bodies.get(id));
      bodies.set(id, body);
    }
  });
});
