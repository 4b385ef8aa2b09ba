import { eventually, startTestApp, type StoreKind, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe.each<StoreKind>(['pglite', 'postgres', 'eventstoredb'])('the read models over HTTP (%s)', (kind) => {
  let api: TestApp;
  const post = (url: string, body: unknown = {}) => api.request('POST', url, body);

  beforeAll(async () => {
    api = await startTestApp(kind);
  });
  afterAll(() => api.close());

  it('reads its own writes with ?minPosition= and agrees with the offboard command', async () => {
    await post('/v1/partners', { partnerId: 'acme', name: 'Acme', contactEmail: 'a@acme.example', type: 'reseller' });
    await post('/v1/partners/acme/onboard');
    await post('/v1/partners/acme/enable');
    await post('/v1/partners/acme/commissions', { commissionId: 'c1', customerId: 'x', saleAmount: usd(1000), commissionAmount: usd(100) });
    const last = await post('/v1/partners/acme/invoices', { invoiceId: 'i1', amount: usd(500) });

    const clearance = await api.request('GET', `/v1/partners/acme/clearance?minPosition=${last.body.position}`);
    expect(clearance.status).toBe(200);
    const refused = await post('/v1/partners/acme/offboard', { reason: 'ended' });
    expect(clearance.body).toEqual({ partnerId: 'acme', cleared: false, blockers: refused.body.blockers });
    expect(clearance.body.blockers).toEqual([
      { kind: 'unpaid_commission', id: 'c1', amount: usd(100) },
      { kind: 'open_invoice', id: 'i1', amount: usd(500) },
    ]);

    await post('/v1/partners/acme/commissions/c1/payout');
    const settled = await post('/v1/partners/acme/invoices/i1/settle');
    const cleared = await api.request('GET', `/v1/partners/acme/clearance?minPosition=${settled.body.position}`);
    expect(cleared.body).toEqual({ partnerId: 'acme', cleared: true, blockers: [] });
  });

  it('answers 404 for an unknown partner and 400 for a malformed minPosition', async () => {
    const unknown = await api.request('GET', '/v1/partners/nobody/clearance');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'PARTNER_NOT_FOUND' });
    const malformed = await api.request('GET', '/v1/partners/acme/clearance?minPosition=soon');
    expect(malformed.status).toBe(400);
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'minPosition' })]);
  });

  it("shows a partner its manager's contact, following a change of manager and of the teammate's role", async () => {
    await post('/v1/teammates', { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'teammate' });
    await post('/v1/teammates', { teammateId: 'bob', name: 'Bob', email: 'bob@co.example', role: 'teammate' });
    const selected = await post('/v1/partners', { partnerId: 'globex', name: 'Globex', contactEmail: 'g@globex.example', type: 'affiliate' });
    const unassigned = await api.request('GET', `/v1/partners/globex/manager-contact?minPosition=${selected.body.position}`);
    expect(unassigned.body).toEqual({ partnerId: 'globex', manager: null });

    await api.request('PUT', '/v1/partners/globex/manager', { managerId: 'alice' });
    const changed = await api.request('PUT', '/v1/partners/globex/manager', { managerId: 'bob' });
    const contact = await api.request('GET', `/v1/partners/globex/manager-contact?minPosition=${changed.body.position}`);
    expect(contact.body).toEqual({ partnerId: 'globex', manager: { id: 'bob', name: 'Bob', email: 'bob@co.example' } });

    const promoted = await api.request('PUT', '/v1/teammates/bob/role', { role: 'admin' });
    const teammates = await api.request('GET', `/v1/teammates?minPosition=${promoted.body.position}`);
    expect(teammates.body.items).toEqual([
      { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'teammate', status: 'active' },
      { teammateId: 'bob', name: 'Bob', email: 'bob@co.example', role: 'admin', status: 'active' },
      { teammateId: 'owner', name: 'Owner', email: 'owner@partnerships.invalid', role: 'owner', status: 'active' },
    ]);
    expect((await api.request('GET', '/v1/partners/nobody/manager-contact')).status).toBe(404);
  });

  it('lists, filters and pages the All Partners view, and reads one partner', async () => {
    await post('/v1/teammates', { teammateId: 'maya', name: 'Maya', email: 'maya@co.example', role: 'teammate' });
    for (const id of ['zeta', 'eta', 'theta']) {
      await post('/v1/partners', { partnerId: id, name: `Name ${id}`, contactEmail: `${id}@x.example`, type: 'technology', tier: 'silver' });
    }
    await api.request('PUT', '/v1/partners/zeta/manager', { managerId: 'maya' });
    await post('/v1/partners/zeta/onboard');
    await post('/v1/partners/zeta/enable');
    await post('/v1/partners/zeta/leads', { leadId: 'l1', customerName: 'C' });
    const earned = await post('/v1/partners/zeta/commissions', { commissionId: 'c1', customerId: 'x', saleAmount: usd(250000), commissionAmount: usd(25000) });

    const zeta = await api.request('GET', `/v1/partners/zeta?minPosition=${earned.body.position}`);
    expect(zeta.body).toEqual(expect.objectContaining({
      partnerId: 'zeta', name: 'Name zeta', status: 'enabled', type: 'technology', tier: 'silver',
      manager: { id: 'maya', name: 'Maya', email: 'maya@co.example' }, leadCount: 1,
      revenue: { USD: 250000 }, commissionsEarned: { USD: 25000 }, commissionsPaid: {}, commissionsOutstanding: { USD: 25000 },
      joinedAt: expect.any(String), lastActivityAt: expect.any(String),
    }));

    const byManager = await api.request('GET', '/v1/partners?managerId=maya');
    expect(byManager.body.items.map((row: { partnerId: string }) => row.partnerId)).toEqual(['zeta']);
    const technology = await api.request('GET', '/v1/partners?type=technology&managerId=unassigned&sort=-name');
    expect(technology.body.items.map((row: { partnerId: string }) => row.partnerId)).toEqual(['theta', 'eta']);

    const first = await api.request('GET', '/v1/partners?type=technology&limit=2');
    const second = await api.request('GET', `/v1/partners?type=technology&limit=2&cursor=${first.body.nextCursor}`);
    expect([...first.body.items, ...second.body.items].map((row: { partnerId: string }) => row.partnerId)).toEqual(['eta', 'theta', 'zeta']);
    expect(second.body.nextCursor).toBeNull();

    const badCursor = await api.request('GET', '/v1/partners?cursor=not-a-cursor');
    expect({ status: badCursor.status, paths: badCursor.body.errors.map((e: { path: string }) => e.path) }).toEqual({ status: 400, paths: ['cursor'] });
    const badFilter = await api.request('GET', '/v1/partners?status=sleeping&limit=500&currency=usd');
    expect(badFilter.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['currency', 'limit', 'status']);
    const byRevenue = await api.request('GET', '/v1/partners?type=technology&sort=-revenue&currency=EUR');
    expect(byRevenue.status).toBe(200);
    expect((await api.request('GET', '/v1/partners/nobody')).status).toBe(404);
  });

  it('charts new and total revenue per manager, at the event and by the current manager', async () => {
    await post('/v1/teammates', { teammateId: 'ann', name: 'Ann', email: 'ann@co.example', role: 'teammate' });
    await post('/v1/teammates', { teammateId: 'ben', name: 'Ben', email: 'ben@co.example', role: 'teammate' });
    await post('/v1/partners', { partnerId: 'chart', name: 'Chart', contactEmail: 'c@x.example', type: 'referral' });
    await api.request('PUT', '/v1/partners/chart/manager', { managerId: 'ann' });
    await post('/v1/partners/chart/onboard');
    await post('/v1/partners/chart/enable');
    const sale = (commissionId: string, customerId: string, amountMinor: number, occurredAt: string) =>
      post('/v1/partners/chart/commissions', { commissionId, customerId, saleAmount: { amountMinor, currency: 'CHF' }, commissionAmount: { amountMinor: 1, currency: 'CHF' }, occurredAt });
    await sale('s1', 'cust-a', 1000, '2026-03-03T10:00:00Z');
    await sale('s2', 'cust-a', 500, '2026-03-20T10:00:00Z');
    await api.request('PUT', '/v1/partners/chart/manager', { managerId: 'ben', occurredAt: '2026-03-25T00:00:00Z' });
    const last = await sale('s3', 'cust-b', 2000, '2026-04-02T10:00:00Z');

    const query = `from=2026-01-01&to=2027-01-01&currency=CHF&minPosition=${last.body.position}`;
    const atEvent = await api.request('GET', `/v1/analytics/manager-performance?${query}`);
    expect(atEvent.body).toEqual({
      interval: 'month', attribution: 'at-event', currency: 'CHF',
      series: [
        { managerId: 'ann', managerName: 'Ann', buckets: [{ period: '2026-03', newRevenueMinor: 1000, totalRevenueMinor: 1500 }] },
        { managerId: 'ben', managerName: 'Ben', buckets: [{ period: '2026-04', newRevenueMinor: 2000, totalRevenueMinor: 2000 }] },
      ],
    });
    const current = await api.request('GET', `/v1/analytics/manager-performance?${query}&attribution=current&interval=week`);
    expect(current.body.series).toEqual([
      { managerId: 'ben', managerName: 'Ben', buckets: [
        { period: '2026-03-02', newRevenueMinor: 1000, totalRevenueMinor: 1000 },
        { period: '2026-03-16', newRevenueMinor: 0, totalRevenueMinor: 500 },
        { period: '2026-03-30', newRevenueMinor: 2000, totalRevenueMinor: 2000 },
      ] },
    ]);
    const backwards = await api.request('GET', '/v1/analytics/manager-performance?from=2027-01-01&to=2026-01-01&currency=CHF');
    expect({ status: backwards.status, paths: backwards.body.errors.map((e: { path: string }) => e.path) }).toEqual({ status: 400, paths: ['to'] });
    const missing = await api.request('GET', '/v1/analytics/manager-performance?interval=year');
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['currency', 'from', 'interval', 'to']);
  });

  it('answers 503 with the projections positions when they do not reach minPosition in 5 s', async () => {
    const started = Date.now();
    const behind = await api.request('GET', '/v1/partners/acme/clearance?minPosition=340282366920938463463374607431768211455');
    expect({ status: behind.status, code: behind.body.code }).toEqual({ status: 503, code: 'PROJECTIONS_BEHIND' });
    expect(behind.body.detail).toContain('clearance at');
    expect(Date.now() - started).toBeGreaterThanOrEqual(4900);
  });

  it('reports each projection live with its position and lag', async () => {
    const head = (await api.request('GET', '/v1/events?limit=1000')).body.nextAfter;
    const statuses = await api.request('GET', `/v1/projections`);
    expect(statuses.status).toBe(200);
    expect(statuses.body.items).toEqual([
      expect.objectContaining({ name: 'all-partners', state: expect.stringMatching(/live|catching-up/), lag: expect.any(Number) }),
      expect.objectContaining({ name: 'clearance', state: expect.stringMatching(/live|catching-up/), lag: expect.any(Number) }),
      expect.objectContaining({ name: 'manager-contact', state: expect.stringMatching(/live|catching-up/), lag: expect.any(Number) }),
      expect.objectContaining({ name: 'manager-performance', state: expect.stringMatching(/live|catching-up/), lag: expect.any(Number) }),
      expect.objectContaining({ name: 'api-keys', state: expect.stringMatching(/live|catching-up/), lag: expect.any(Number) }),
      expect.objectContaining({ name: 'webhooks', state: expect.stringMatching(/live|catching-up/), lag: expect.any(Number) }),
    ]);
    expect(head).toEqual(expect.any(String));
  });

  it('rebuilds a projection on request while it keeps serving, shows the progress, then the same rows', async () => {
    const listed = await api.request('GET', '/v1/partners?limit=100');
    const started = await post('/v1/projections/all-partners/rebuild');
    expect(started.status).toBe(202);
    expect(started.body).toEqual({ projection: 'all-partners', phase: 'building', status: '/v1/projections' });
    const again = await post('/v1/projections/all-partners/rebuild');
    expect({ status: again.status, code: again.body.code }).toEqual({ status: 409, code: 'REBUILD_IN_PROGRESS' });
    const during = await api.request('GET', '/v1/projections');
    expect(during.body.items[0]).toEqual(expect.objectContaining({ name: 'all-partners', rebuild: expect.objectContaining({ projection: 'all-partners' }) }));
    expect((await api.request('GET', '/v1/partners?limit=100')).body).toEqual(listed.body);

    await eventually(async () => {
      const statuses = await api.request('GET', '/v1/projections');
      expect(statuses.body.items[0].rebuild).toBeUndefined();
    }, 20_000);
    const selected = await post('/v1/partners', { partnerId: 'after-rebuild', name: 'After', contactEmail: 'a@after.example', type: 'referral' });
    const after = await api.request('GET', `/v1/partners?limit=100&minPosition=${selected.body.position}`);
    expect(after.body.items.filter((item: { partnerId: string }) => item.partnerId !== 'after-rebuild')).toEqual(listed.body.items);
  });

  it('answers 404 problem+json for a rebuild of an unknown projection', async () => {
    const unknown = await post('/v1/projections/no-such-view/rebuild');
    expect({ status: unknown.status, code: unknown.body.code }).toEqual({ status: 404, code: 'UNKNOWN_PROJECTION' });
    expect(unknown.headers['content-type']).toContain('application/problem+json');
    expect(unknown.body.detail).toContain('all-partners');
  });

  it('answers a repeated All Partners page from its cache only until the projections apply the next event', async () => {
    const technology = (partnerId: string) => post('/v1/partners', { partnerId, name: partnerId, contactEmail: `${partnerId}@t.example`, type: 'technology' });
    const first = await technology('cached-1');
    const page = () => api.request('GET', '/v1/partners?type=technology&sort=name');
    await api.request('GET', `/v1/partners/cached-1/clearance?minPosition=${first.body.position}`);
    const before = await page();
    const again = await page();
    expect(again.status).toBe(200);
    expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(again.body).toEqual(before.body);

    const second = await technology('cached-2');
    // Every projection has applied it once this answers: the next plain read must show it.
    await api.request('GET', `/v1/partners/cached-2/clearance?minPosition=${second.body.position}`);
    const after = await page();
    const ids = (answer: typeof after) => answer.body.items.map((item: { partnerId: string }) => item.partnerId);
    expect([...ids(after)].sort()).toEqual([...ids(before), 'cached-2'].sort());
  });
});
