import { startTestApp, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A moment strictly between two requests: the store stamps events in milliseconds. */
async function momentBetweenRequests(): Promise<string> {
  await new Promise((resolve) => setTimeout(resolve, 5));
  const moment = new Date().toISOString();
  await new Promise((resolve) => setTimeout(resolve, 5));
  return moment;
}

describe('a partner’s history and its state as of a moment, over HTTP (pglite)', () => {
  let api: TestApp;
  let afterEnabling: string;
  let afterFirstCommission: string;

  beforeAll(async () => {
    api = await startTestApp('pglite');
    const ok = async (method: string, url: string, body: unknown) => {
      const response = await api.request(method, url, body);
      if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
    };
    await ok('POST', '/v1/teammates', { teammateId: 'mia', name: 'Mia', email: 'mia@co.example', role: 'teammate', occurredAt: '2026-01-01T09:00:00Z' });
    await ok('POST', '/v1/partners', { partnerId: 'acme', name: 'Acme', contactEmail: 'dana@acme.example', type: 'reseller', tier: 'silver', occurredAt: '2026-01-05T10:00:00Z' });
    await ok('PUT', '/v1/partners/acme/manager', { managerId: 'mia', occurredAt: '2026-01-06T10:00:00Z' });
    await ok('POST', '/v1/partners/acme/onboard', { occurredAt: '2026-01-10T10:00:00Z' });
    await ok('POST', '/v1/partners/acme/enable', { occurredAt: '2026-01-15T10:00:00Z' });
    afterEnabling = await momentBetweenRequests();
    await ok('POST', '/v1/partners/acme/commissions', { commissionId: 'c1', customerId: 'k1', saleAmount: usd(100000), commissionAmount: usd(10000), occurredAt: '2026-02-01T10:00:00Z' });
    afterFirstCommission = await momentBetweenRequests();
    // Entered now, for a sale of January 20th.
    await ok('POST', '/v1/partners/acme/commissions', { commissionId: 'c2', customerId: 'k2', saleAmount: usd(50000), commissionAmount: usd(5000), occurredAt: '2026-01-20T10:00:00+00:00' });
    await ok('POST', '/v1/partners/acme/invoices', { invoiceId: 'i1', amount: usd(20000), occurredAt: '2026-02-10T10:00:00Z' });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists the timeline in stream order, with both times, the envelope and a linked hash chain', async () => {
    const response = await api.request('GET', '/v1/partners/acme/history');

    expect(response.status).toBe(200);
    const { partnerId, version, events } = response.body;
    expect({ partnerId, version }).toEqual({ partnerId: 'acme', version: 7 });
    expect(events.map((event: { version: number; type: string; occurredAt: string }) => [event.version, event.type, event.occurredAt])).toEqual([
      [1, 'PartnerSelected', '2026-01-05T10:00:00.000Z'],
      [2, 'PartnerManagerReassigned', '2026-01-06T10:00:00.000Z'],
      [3, 'PartnerOnboarded', '2026-01-10T10:00:00.000Z'],
      [4, 'PartnerEnabled', '2026-01-15T10:00:00.000Z'],
      [5, 'CommissionEarned', '2026-02-01T10:00:00.000Z'],
      [6, 'CommissionEarned', '2026-01-20T10:00:00.000Z'],
      [7, 'InvoiceIssued', '2026-02-10T10:00:00.000Z'],
    ]);
    expect(events[5]).toEqual({
      version: 6,
      eventId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'CommissionEarned',
      occurredAt: '2026-01-20T10:00:00.000Z',
      recordedAt: expect.any(String),
      actor: expect.any(String),
      correlationId: expect.any(String),
      causationId: null,
      position: expect.stringMatching(/^\d+$/),
      data: expect.objectContaining({ commissionId: 'c2', saleAmount: usd(50000) }),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      previousHash: events[4].hash,
    });
    expect(events[0].previousHash).toBeNull();
    for (let i = 1; i < events.length; i++) {
      expect(events[i].previousHash).toBe(events[i - 1].hash);
      expect(Date.parse(events[i].recordedAt)).toBeGreaterThanOrEqual(Date.parse(events[i - 1].recordedAt));
    }
  });

  it('answers by recorded time with what the system knew at a moment between two requests', async () => {
    const enabled = await api.request('GET', `/v1/partners/acme/history?asOf=${encodeURIComponent(afterEnabling)}`);
    const earned = await api.request('GET', `/v1/partners/acme/history?asOf=${encodeURIComponent(afterFirstCommission)}&by=recorded`);

    expect(enabled.status).toBe(200);
    expect(enabled.body).toEqual(
      expect.objectContaining({ partnerId: 'acme', asOf: afterEnabling, by: 'recorded', version: 4, clearance: { partnerId: 'acme', cleared: true, blockers: [] } }),
    );
    expect(enabled.body.events).toHaveLength(4);
    expect(enabled.body.state).toEqual(expect.objectContaining({ status: 'enabled', managerId: 'mia', commissions: [] }));
    expect(enabled.body.partner).toEqual(
      expect.objectContaining({ status: 'enabled', manager: { id: 'mia', name: 'Mia', email: 'mia@co.example' }, revenue: {}, lastActivityAt: '2026-01-15T10:00:00.000Z' }),
    );
    expect(earned.body.version).toBe(5);
    expect(earned.body.partner).toEqual(expect.objectContaining({ revenue: { USD: 100000 }, commissionsOutstanding: { USD: 10000 } }));
    expect(earned.body.clearance.blockers).toEqual([{ kind: 'unpaid_commission', id: 'c1', amount: usd(10000) }]);
  });

  it('answers by occurred time with what had happened by then, the backdated commission included', async () => {
    const response = await api.request('GET', '/v1/partners/acme/history?asOf=2026-01-31&by=occurred');

    expect(response.status).toBe(200);
    expect(response.body).toEqual(expect.objectContaining({ asOf: '2026-01-31T23:59:59.999Z', by: 'occurred', version: 5 }));
    expect(response.body.events.map((event: { version: number }) => event.version)).toEqual([1, 2, 3, 4, 6]);
    expect(response.body.state.commissions).toEqual([expect.objectContaining({ commissionId: 'c2', state: 'earned' })]);
    expect(response.body.partner).toEqual(expect.objectContaining({ revenue: { USD: 50000 }, lastActivityAt: '2026-01-20T10:00:00.000Z' }));
  });

  it('shows no partner before its first event', async () => {
    const response = await api.request('GET', '/v1/partners/acme/history?asOf=2000-01-01T00:00:00Z');

    expect(response.body).toEqual(
      expect.objectContaining({ version: 0, events: [], state: { status: 'none' }, partner: null, clearance: { partnerId: 'acme', cleared: true, blockers: [] } }),
    );
  });

  it('answers 404 problem+json for a partner without events', async () => {
    const response = await api.request('GET', '/v1/partners/nobody/history?asOf=2026-01-01');

    expect(response.status).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('PARTNER_NOT_FOUND');
  });

  it.each([
    ['asOf=2026-02-30', 'asOf'],
    ['asOf=yesterday', 'asOf'],
    ['asOf=2026-01-31T10:00:00', 'asOf'],
    ['asOf=2026-01-31&by=booked', 'by'],
  ])('refuses ?%s with 400 naming the field', async (query, path) => {
    const response = await api.request('GET', `/v1/partners/acme/history?${query}`);

    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(response.body.errors).toEqual([{ path, message: expect.any(String) }]);
  });
});
