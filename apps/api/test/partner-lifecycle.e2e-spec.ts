import { bearer, eventually, keyFor, startTestApp, type StoreKind, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe.each<StoreKind>(['pglite', 'postgres', 'eventstoredb'])('a partner taken through its whole life over HTTP (%s)', (kind) => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(kind);
  });
  afterAll(async () => {
    await api.close();
  });

  it('records every stage and answers each command with version and position', async () => {
    const post = (url: string, body: unknown = {}, headers?: Record<string, string>) => api.request('POST', url, body, headers);
    const put = (url: string, body: unknown) => api.request('PUT', url, body);

    expect((await post('/v1/teammates', { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'teammate' })).status).toBe(201);
    expect((await post('/v1/teammates', { teammateId: 'olivia', name: 'Olivia', email: 'olivia@co.example', role: 'admin' })).status).toBe(201);

    const selected = await post(
      '/v1/partners',
      { partnerId: 'acme', name: 'Acme', contactEmail: 'dana@acme.example', type: 'reseller', tier: 'silver' },
      bearer(await keyFor(api, 'alice')),
    );
    expect(selected.status).toBe(201);
    expect(selected.body).toEqual({ partnerId: 'acme', version: 1, position: expect.stringMatching(/^\d+$/) });

    expect((await put('/v1/partners/acme/manager', { managerId: 'alice' })).body.version).toBe(2);
    const again = await put('/v1/partners/acme/manager', { managerId: 'alice' });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(2); // assigning the current manager is a no-op

    expect((await post('/v1/partners/acme/onboard', { notes: 'contract signed' })).body.version).toBe(3);
    expect((await post('/v1/partners/acme/enable')).body.version).toBe(4);

    const lead = await post('/v1/partners/acme/leads', { leadId: 'l1', customerName: 'Initech', estimatedValue: usd(500000) });
    expect(lead.status).toBe(201);
    expect((await post('/v1/partners/acme/commissions', { commissionId: 'c1', customerId: 'cust1', saleAmount: usd(100000), commissionAmount: usd(10000), leadId: 'l1' })).status).toBe(201);
    expect((await post('/v1/partners/acme/commissions', { commissionId: 'c2', customerId: 'cust1', saleAmount: usd(50000), commissionAmount: usd(5000) })).status).toBe(201);
    expect((await post('/v1/partners/acme/commissions/c1/payout')).status).toBe(200);
    expect((await post('/v1/partners/acme/invoices', { invoiceId: 'i1', amount: usd(20000) })).status).toBe(201);
    expect((await post('/v1/partners/acme/mdf', { mdfId: 'm1', amount: usd(30000), purpose: 'Webinar' })).status).toBe(201);
    expect((await put('/v1/partners/acme/tier', { tier: 'gold' })).status).toBe(200);

    const refused = await post('/v1/partners/acme/offboard', { reason: 'contract ended' });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body.code).toBe('CLEARANCE_REQUIRED');
    expect(refused.body.blockers).toEqual([
      { kind: 'unpaid_commission', id: 'c2', amount: usd(5000) },
      { kind: 'open_invoice', id: 'i1', amount: usd(20000) },
      { kind: 'mdf_without_deliverable', id: 'm1', amount: usd(30000) },
    ]);

    expect((await post('/v1/partners/acme/commissions/c2/reverse', { reason: 'refund' })).status).toBe(200);
    expect((await post('/v1/partners/acme/invoices/i1/settle')).status).toBe(200);
    expect((await post('/v1/partners/acme/mdf/m1/deliverable', { description: 'Recording', url: 'https://acme.example/w' })).status).toBe(200);

    const offboarded = await post('/v1/partners/acme/offboard', { reason: 'contract ended' });
    expect(offboarded.status).toBe(200);
    expect(offboarded.body.version).toBe(15);

    let log = await api.request('GET', '/v1/events?limit=1000');
    await eventually(async () => {
      log = await api.request('GET', '/v1/events?limit=1000');
      const types = log.body.items.filter((event: { streamId: string }) => event.streamId === 'partnership-acme').map((event: { type: string }) => event.type);
      expect(types).toEqual([
        'PartnerSelected', 'PartnerManagerReassigned', 'PartnerOnboarded', 'PartnerEnabled', 'LeadReferred',
        'CommissionEarned', 'CommissionEarned', 'CommissionPaidOut', 'InvoiceIssued', 'MdfPaidOut', 'PartnerTierChanged',
        'CommissionReversed', 'InvoiceSettled', 'MdfDeliverableReceived', 'PartnerOffboarded',
      ]);
    });
    const selectedEvent = log.body.items.find((event: { type: string }) => event.type === 'PartnerSelected');
    expect(selectedEvent.metadata).toEqual(expect.objectContaining({ actor: 'alice', schemaVersion: 1, causationId: null }));
    expect(selectedEvent.metadata.occurredAt).toEqual(expect.any(String));
    expect(selectedEvent.recordedAt).toEqual(expect.any(String));
    expect(selectedEvent.eventId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('forces an offboarding with an admin override and records the blockers of that moment', async () => {
    await api.request('POST', '/v1/partners', { partnerId: 'globex', name: 'Globex', contactEmail: 'g@globex.example', type: 'affiliate' });
    await api.request('POST', '/v1/partners/globex/onboard', {});
    await api.request('POST', '/v1/partners/globex/enable', {});
    await api.request('POST', '/v1/partners/globex/commissions', { commissionId: 'c9', customerId: 'x', saleAmount: usd(1000), commissionAmount: usd(100) });

    const byTeammate = await api.request(
      'POST',
      '/v1/partners/globex/offboard',
      { reason: 'fraud', override: { byTeammateId: 'alice', reason: 'urgent' } },
      bearer(await keyFor(api, 'alice')),
    );
    expect(byTeammate.status).toBe(403);
    expect(byTeammate.body.code).toBe('FORBIDDEN');

    const oliviaKey = bearer(await keyFor(api, 'olivia'));
    const inAnotherName = await api.request('POST', '/v1/partners/globex/offboard', { reason: 'fraud', override: { byTeammateId: 'owner', reason: 'x' } }, oliviaKey);
    expect(inAnotherName.status).toBe(403);

    const forced = await api.request('POST', '/v1/partners/globex/offboard', { reason: 'fraud', override: { byTeammateId: 'olivia', reason: 'write off' } }, oliviaKey);
    expect(forced.status).toBe(200);
    const history = await api.store.store.readStream('partnership-globex');
    const event = history[history.length - 1];
    expect(event.type).toBe('PartnerOffboarded');
    expect(event.data.override).toEqual({ byTeammateId: 'olivia', reason: 'write off' });
    expect(event.data.clearance).toEqual({ cleared: false, blockers: [{ kind: 'unpaid_commission', id: 'c9', amount: usd(100) }] });
  });

  it('assigns one manager to many partners and reports each result', async () => {
    await api.request('POST', '/v1/partners', { partnerId: 'p1', name: 'P1', contactEmail: 'p1@x.example', type: 'referral' });
    await api.request('POST', '/v1/partners', { partnerId: 'p2', name: 'P2', contactEmail: 'p2@x.example', type: 'referral' });
    await api.request('PUT', '/v1/partners/p2/manager', { managerId: 'alice' });

    const response = await api.request('POST', '/v1/partners/manager-assignments', { partnerIds: ['p1', 'p2', 'nobody', 'acme'], managerId: 'alice' });
    expect(response.status).toBe(200);
    expect(response.body.results).toEqual([
      { partnerId: 'p1', status: 'assigned', version: 2, position: expect.any(String) },
      { partnerId: 'p2', status: 'unchanged', version: 2, position: expect.any(String) },
      { partnerId: 'nobody', status: 'failed', error: expect.objectContaining({ status: 404, code: 'PARTNER_NOT_FOUND' }) },
      { partnerId: 'acme', status: 'failed', error: expect.objectContaining({ status: 422, code: 'PARTNER_OFFBOARDED' }) },
    ]);
  });

  it('lists teammates and reads the log page by page', async () => {
    await api.request('PUT', '/v1/teammates/alice/role', { role: 'admin' });
    await eventually(async () => {
      const teammates = await api.request('GET', '/v1/teammates');
      expect(teammates.body.items).toEqual([
        { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'admin', status: 'active' },
        { teammateId: 'olivia', name: 'Olivia', email: 'olivia@co.example', role: 'admin', status: 'active' },
        { teammateId: 'owner', name: 'Owner', email: 'owner@partnerships.invalid', role: 'owner', status: 'active' },
      ]);
    });

    await eventually(async () => {
      const all = (await api.request('GET', '/v1/events?limit=1000')).body.items;
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: { body: { items: { eventId: string }[]; nextAfter: string } } = await api.request('GET', `/v1/events?limit=7${after ? `&after=${after}` : ''}`);
        seen.push(...page.body.items.map((event) => event.eventId));
        if (page.body.items.length < 7) break;
        after = page.body.nextAfter;
      }
      expect(seen).toEqual(all.map((event: { eventId: string }) => event.eventId));
    });
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    const health = await api.request('GET', '/health');
    expect(health.status).toBe(200);
    expect(health.body.info.eventStore.status).toBe('up');

    const metrics = await api.request('GET', '/metrics');
    expect(metrics.body).toMatch(/partnerships_commands_total\{command="SelectPartner",outcome="written"\} \d+/);
    expect(metrics.body).toMatch(/partnerships_command_duration_seconds_bucket/);

    const openapi = await api.request('GET', '/docs/openapi.json');
    expect(openapi.status).toBe(200);
    expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/v1/partners', '/v1/partners/{id}/offboard', '/v1/events']));
    expect((await api.request('GET', '/docs')).status).toBe(200);
  });
});
