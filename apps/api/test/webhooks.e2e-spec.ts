import { Webhook } from 'standardwebhooks';
import { bearer, eventually, keyFor, startTestApp, type StoreKind, type TestApp } from './support/test-app';
import { tableResolver, WebhookReceiver } from './support/webhook-receiver';

// Receivers listen on 127.0.0.1 only; every other name resolves through a table, so no test sends a packet past loopback.
const resolve = tableResolver({ 'hooks.example.com': ['93.184.216.34'], 'intranet.example.com': ['192.168.1.5'] });
const WEBHOOK_ENV = { WEBHOOKS_ALLOW_HTTP: '1', WEBHOOKS_ALLOWED_HOSTS: '127.0.0.1' };
/** Tests retry after 50 ms, and give up on the 4th failure of one delivery. */
const quickRetry = { next: ({ attempts }: { attempts: number }) => (attempts >= 4 ? null : new Date(Date.now() + 50)) };

/** `eventually` that hands back what the passing assertion read. */
async function eventuallyRead<T>(read: () => Promise<T>): Promise<T> {
  let value: T | undefined;
  await eventually(async () => {
    value = await read();
  });
  return value as T;
}

async function selectPartner(api: TestApp, partnerId: string): Promise<void> {
  const response = await api.request('POST', '/v1/partners', { partnerId, name: `Partner ${partnerId}`, contactEmail: `${partnerId}@example.com`, type: 'referral' });
  expect(response.status).toBe(201);
}

async function lifecycle(api: TestApp, partnerId: string): Promise<void> {
  await selectPartner(api, partnerId);
  for (const step of ['onboard', 'enable']) expect((await api.request('POST', `/v1/partners/${partnerId}/${step}`, {})).status).toBe(200);
  const lead = await api.request('POST', `/v1/partners/${partnerId}/leads`, { leadId: `${partnerId}-l1`, customerName: 'Customer One' });
  expect(lead.status).toBe(201);
}

async function register(api: TestApp, url: string, eventTypes: string[] = ['*']): Promise<{ webhookId: string; secret: string; position: string }> {
  const response = await api.request('POST', '/v1/webhooks', { url, eventTypes, description: 'test receiver' });
  expect(response.status).toBe(201);
  return response.body;
}

describe.each<StoreKind>(['pglite', 'postgres'])('webhooks on %s', (kind) => {
  let api: TestApp;
  let receiver: WebhookReceiver;
  let url: string;

  beforeAll(async () => {
    api = await startTestApp(kind, WEBHOOK_ENV, { webhooks: { resolve, retry: quickRetry, refreshMs: 100 } });
  });
  afterAll(() => api.close());
  beforeEach(async () => {
    receiver = new WebhookReceiver();
    url = await receiver.start();
  });
  afterEach(() => receiver.stop());

  it('delivers every event after the registration, signed for the standardwebhooks package, as CloudEvents JSON in log order per partner', async () => {
    const { webhookId, secret } = await register(api, url);
    expect(secret).toMatch(/^whsec_/);
    receiver.secrets = [secret];
    await lifecycle(api, `${kind}-p1`);
    await lifecycle(api, `${kind}-p2`);
    await eventually(async () => expect(receiver.received.filter((r) => r.event.subject.startsWith(kind))).toHaveLength(8));
    expect(receiver.unverified).toEqual([]);
    for (const partner of [`${kind}-p1`, `${kind}-p2`]) {
      expect(receiver.typesOf(partner)).toEqual(['partnerships.PartnerSelected', 'partnerships.PartnerOnboarded', 'partnerships.PartnerEnabled', 'partnerships.LeadReferred']);
    }
    const first = receiver.received.find((r) => r.event.subject === `${kind}-p1`)!;
    expect(first.headers['content-type']).toBe('application/cloudevents+json');
    expect(first.id).toBe(first.event.id);
    expect(first.event).toMatchObject({ specversion: '1.0', source: '/partnerships', datacontenttype: 'application/json', dataschema: 'urn:partnerships:schema:PartnerSelected:1' });
    expect(first.event.data).toMatchObject({ partnerId: `${kind}-p1` });

    const metrics = await api.request('GET', '/metrics');
    expect(metrics.body).toContain(`partnerships_webhook_delivered_total{webhook="${webhookId}"}`);
    expect(metrics.body).toMatch(new RegExp(`partnerships_webhook_lag_events\\{webhook="${webhookId}"\\} \\d`));
    const listed = await api.request('GET', '/v1/webhooks');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret.slice(6));
    expect(listed.body.items).toContainEqual(expect.objectContaining({ webhookId, url, eventTypes: ['*'], status: 'enabled' }));
    // The delivery log records an attempt once the receiver has answered: a moment after it arrived.
    await eventually(async () => {
      const deliveries = await api.request('GET', `/v1/webhooks/${webhookId}/deliveries?status=delivered`);
      expect(deliveries.body.items.length).toBeGreaterThanOrEqual(8);
      expect(deliveries.body.items[0].attempts[0]).toMatchObject({ status: 200, answer: 'ok', error: null });
    });
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });

  it('sends only the event types asked for', async () => {
    const { webhookId, secret } = await register(api, url, ['LeadReferred']);
    receiver.secrets = [secret];
    await lifecycle(api, `${kind}-types`);
    await eventually(async () => expect(receiver.received).toHaveLength(1));
    expect(receiver.received[0].event.type).toBe('partnerships.LeadReferred');
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });

  it('retries a failing receiver until it answers, keeping each partner in order, a repeat only with the same webhook-id', async () => {
    const { webhookId, secret } = await register(api, url);
    receiver.secrets = [secret];
    receiver.answer = ({ count }) => (count <= 3 ? 500 : 200);
    await lifecycle(api, `${kind}-retry`);
    await eventually(async () => expect(receiver.typesOf(`${kind}-retry`)).toHaveLength(4));
    expect(receiver.typesOf(`${kind}-retry`)).toEqual(['partnerships.PartnerSelected', 'partnerships.PartnerOnboarded', 'partnerships.PartnerEnabled', 'partnerships.LeadReferred']);
    expect(new Set(receiver.received.map((r) => r.id)).size).toBe(receiver.received.length);
    await eventually(async () => {
      const { body } = await api.request('GET', `/v1/webhooks/${webhookId}/deliveries`);
      expect(body.items[0].attempts.map((attempt: { status: number }) => attempt.status)).toEqual([500, 500, 500, 200]);
    });
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });

  it('disables an endpoint that fails past the limit, then resumes it where it stopped once re-enabled', async () => {
    const { webhookId, secret } = await register(api, url);
    receiver.secrets = [secret];
    receiver.answer = () => 503;
    await lifecycle(api, `${kind}-down`);
    await eventually(async () => {
      const { body } = await api.request('GET', `/v1/webhooks/${webhookId}`);
      expect(body).toMatchObject({ status: 'disabled', disabled: { cause: 'failing', reason: expect.stringContaining('HTTP 503') } });
    });
    const history = await api.request('GET', '/v1/events?limit=1000');
    expect(history.body.items).toContainEqual(expect.objectContaining({ type: 'WebhookDisabled', data: expect.objectContaining({ webhookId, cause: 'failing' }) }));
    receiver.answer = () => 200;
    expect((await api.request('PATCH', `/v1/webhooks/${webhookId}`, { enabled: true })).status).toBe(200);
    await eventually(async () => expect(receiver.typesOf(`${kind}-down`)).toHaveLength(4));
    expect(receiver.typesOf(`${kind}-down`)[0]).toBe('partnerships.PartnerSelected');
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });

  it('signs with both secrets for a day after a rotation, each verifying alone', async () => {
    const { webhookId, secret: previous } = await register(api, url, ['PartnerSelected']);
    const rotated = await api.request('POST', `/v1/webhooks/${webhookId}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(Date.parse(rotated.body.previousSecretExpiresAt) - Date.now()).toBeGreaterThan(23 * 3_600_000);
    await selectPartner(api, `${kind}-rotated`);
    await eventually(async () => expect(receiver.received).toHaveLength(1));
    const [delivery] = receiver.received;
    const headers = { 'webhook-id': delivery.id, 'webhook-timestamp': String(delivery.headers['webhook-timestamp']), 'webhook-signature': String(delivery.headers['webhook-signature']) };
    expect(() => new Webhook(previous).verify(delivery.body, headers)).not.toThrow();
    expect(() => new Webhook(rotated.body.secret).verify(delivery.body, headers)).not.toThrow();
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });

  it('redelivers a delivery and replays from a log position, with the same webhook-ids', async () => {
    const { webhookId, secret } = await register(api, url, ['PartnerSelected']);
    receiver.secrets = [secret];
    await selectPartner(api, `${kind}-again`);
    await eventually(async () => expect(receiver.received).toHaveLength(1));
    const delivery = await eventuallyRead(async () => {
      const { body } = await api.request('GET', `/v1/webhooks/${webhookId}/deliveries?status=delivered`);
      expect(body.items).toHaveLength(1);
      return body.items[0];
    });
    expect((await api.request('POST', `/v1/webhooks/${webhookId}/deliveries/${delivery.deliveryId}/redeliver`)).status).toBe(202);
    await eventually(async () => expect(receiver.received).toHaveLength(2));
    expect(receiver.received[1].id).toBe(receiver.received[0].id);
    const replay = await api.request('POST', `/v1/webhooks/${webhookId}/replay`, { fromPosition: delivery.position });
    expect(replay.status).toBe(202);
    await eventually(async () => expect(receiver.received).toHaveLength(3));
    expect(receiver.received[2].id).toBe(receiver.received[0].id);
    const fromTime = await api.request('POST', `/v1/webhooks/${webhookId}/replay`, { fromTime: String(receiver.received[0].event.recordedtime) });
    expect(fromTime.status).toBe(202);
    await eventually(async () => expect(receiver.received).toHaveLength(4));
    expect(receiver.received[3].id).toBe(receiver.received[0].id);
    expect(receiver.unverified).toEqual([]);
    expect((await api.request('POST', `/v1/webhooks/${webhookId}/deliveries/999999/redeliver`)).body.code).toBe('WEBHOOK_DELIVERY_NOT_FOUND');
    expect((await api.request('POST', `/v1/webhooks/${webhookId}/replay`, {})).status).toBe(400);
    expect((await api.request('POST', `/v1/webhooks/${webhookId}/replay`, { fromPosition: '9'.repeat(30) })).body.errors).toContainEqual(expect.objectContaining({ path: 'fromPosition' }));
    expect((await api.request('POST', `/v1/webhooks/${webhookId}/replay`, { fromTime: '2999-01-01T00:00:00Z' })).status).toBe(400);
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });

  it('pings an endpoint with a signed test event', async () => {
    const { webhookId, secret } = await register(api, url, ['PartnerSelected']);
    receiver.secrets = [secret];
    const ping = await api.request('POST', `/v1/webhooks/${webhookId}/test`);
    expect(ping.body).toMatchObject({ delivered: true, status: 200 });
    expect(receiver.received[0].event.type).toBe('partnerships.WebhookPing');
    expect(receiver.unverified).toEqual([]);
    await api.request('DELETE', `/v1/webhooks/${webhookId}`);
  });
});

describe('webhook endpoints refused', () => {
  let api: TestApp;

  beforeAll(async () => {
    // The URL policy alone: the endpoints it accepts resolve past loopback, so this process
    // delivers nothing and never connects to them.
    api = await startTestApp(
      'pglite',
      { WEBHOOKS_ALLOWED_HOSTS: 'hooks.internal' },
      { webhooks: { deliver: false, resolve: tableResolver({ 'intranet.example.com': ['192.168.1.5'], 'hooks.example.com': ['93.184.216.34'], 'hooks.internal': ['10.0.0.7'] }) } },
    );
  });
  afterAll(() => api.close());

  it.each([
    ['http://127.0.0.1/hooks', 'scheme-not-allowed'],
    ['https://127.0.0.1/hooks', 'private-address'],
    ['https://169.254.169.254/latest/meta-data', 'private-address'],
    ['https://10.1.2.3/hooks', 'private-address'],
    ['https://intranet.example.com/hooks', 'private-address'],
    ['https://nowhere.example.com/hooks', 'unresolvable-host'],
    ['https://user:pw@hooks.example.com/hooks', 'credentials-in-url'],
  ])('refuses %s with 422 WEBHOOK_URL_REFUSED (%s), writing nothing', async (url, reason) => {
    const response = await api.request('POST', '/v1/webhooks', { url, eventTypes: ['*'] });
    expect(response.status).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.body).toMatchObject({ code: 'WEBHOOK_URL_REFUSED', reason });
    expect((await api.request('GET', '/v1/webhooks')).body.items).toEqual([]);
  });

  it('accepts a public https address, and a private one listed in WEBHOOKS_ALLOWED_HOSTS', async () => {
    expect((await api.request('POST', '/v1/webhooks', { url: 'https://hooks.example.com/in', eventTypes: ['*'] })).status).toBe(201);
    expect((await api.request('POST', '/v1/webhooks', { url: 'https://hooks.internal/in', eventTypes: ['*'] })).status).toBe(201);
  });

  it('refuses an unknown event type, and a teammate below admin', async () => {
    const unknown = await api.request('POST', '/v1/webhooks', { url: 'https://hooks.example.com/in', eventTypes: ['PartnerExploded'] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors).toContainEqual(expect.objectContaining({ path: 'eventTypes' }));
    await api.request('POST', '/v1/teammates', { teammateId: 'webhook-mate', name: 'Mate', email: 'mate@co.example', role: 'teammate' });
    const teammate = await keyFor(api, 'webhook-mate');
    expect((await api.request('POST', '/v1/webhooks', { url: 'https://hooks.example.com/in', eventTypes: ['*'] }, bearer(teammate))).status).toBe(403);
    expect((await api.request('GET', '/v1/webhooks', undefined, bearer(teammate))).status).toBe(403);
  });

  it('answers 404 WEBHOOK_NOT_FOUND for an unknown endpoint', async () => {
    expect((await api.request('PATCH', '/v1/webhooks/wh_nope', { enabled: false })).body.code).toBe('WEBHOOK_NOT_FOUND');
    expect((await api.request('GET', '/v1/webhooks/wh_nope')).body.code).toBe('WEBHOOK_NOT_FOUND');
  });
});

describe('webhook delivery across endpoints and processes (PostgreSQL)', () => {
  let api: TestApp;
  let twin: TestApp;

  beforeAll(async () => {
    api = await startTestApp('postgres', WEBHOOK_ENV, { webhooks: { resolve, retry: quickRetry, refreshMs: 100 } });
    // A second API process on the same database: both run delivery, the lease lets one serve each endpoint.
    twin = await startTestApp('postgres', WEBHOOK_ENV, {
      store: { ...api.store, close: async () => undefined, dispose: async () => undefined },
      webhooks: { resolve, retry: quickRetry, refreshMs: 100 },
    });
  });
  afterAll(async () => {
    await twin.close();
    await api.close();
  });

  it('keeps a healthy endpoint under a second behind at 200 events/s while another endpoint hangs, and sends each event once across two processes', async () => {
    const healthy = new WebhookReceiver();
    const hanging = new WebhookReceiver();
    const healthyUrl = await healthy.start();
    const hangingUrl = await hanging.start();
    hanging.answer = () => new Promise((done) => setTimeout(() => done(503), 2_000));
    const good = await register(api, healthyUrl, ['PartnerSelected']);
    const bad = await register(twin, hangingUrl, ['PartnerSelected']);
    healthy.secrets = [good.secret];
    // Both processes see both endpoints before the load starts.
    await eventually(async () => expect((await twin.request('GET', `/v1/webhooks/${good.webhookId}`)).status).toBe(200));

    // 200 events/s for 3 s, each request sent on its schedule whether or not the previous one has answered.
    const started = Date.now();
    const sent: Promise<void>[] = [];
    for (let i = 0; i < 600; i++) {
      await new Promise((done) => setTimeout(done, Math.max(0, started + i * 5 - Date.now())));
      sent.push(selectPartner(i % 2 === 0 ? api : twin, `load-${i}`));
    }
    await Promise.all(sent);
    await eventually(async () => expect(healthy.received).toHaveLength(600), 10_000);

    const lags = healthy.received.map((r) => r.receivedAt - Date.parse(String(r.event.recordedtime))).sort((a, b) => a - b);
    expect(lags[lags.length - 1]).toBeLessThan(1_000);
    expect(new Set(healthy.received.map((r) => r.id)).size).toBe(600);
    expect(healthy.unverified).toEqual([]);
    await healthy.stop();
    await hanging.stop();
    await api.request('DELETE', `/v1/webhooks/${good.webhookId}`);
    await api.request('DELETE', `/v1/webhooks/${bad.webhookId}`);
  });
});
