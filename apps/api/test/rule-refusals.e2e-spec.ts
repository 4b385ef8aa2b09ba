import { startTestApp, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/**
 * Every rule of the product refuses over HTTP with its status and stable code (the decider specs
 * cover each rule's logic; this checks the mapping to HTTP end to end, on the embedded store).
 */
describe('rule refusals over HTTP', () => {
  let api: TestApp;
  const post = (url: string, body: unknown = {}) => api.request('POST', url, body);

  beforeAll(async () => {
    api = await startTestApp('pglite');
    await post('/v1/teammates', { teammateId: 'vic', name: 'Vic', email: 'vic@co.example', role: 'viewer' });
    await post('/v1/teammates', { teammateId: 'tom', name: 'Tom', email: 'tom@co.example', role: 'teammate' });
    await post('/v1/partners', { partnerId: 'sel', name: 'Selected', contactEmail: 's@x.example', type: 'referral' });
    await post('/v1/partners', { partnerId: 'onb', name: 'Onboarded', contactEmail: 'o@x.example', type: 'referral' });
    await post('/v1/partners/onb/onboard');
    await post('/v1/partners', { partnerId: 'en', name: 'Enabled', contactEmail: 'e@x.example', type: 'reseller' });
    await post('/v1/partners/en/onboard');
    await post('/v1/partners/en/enable');
    await post('/v1/partners/en/leads', { leadId: 'l1', customerName: 'Initech' });
    await post('/v1/partners/en/commissions', { commissionId: 'paid', customerId: 'c', saleAmount: usd(1000), commissionAmount: usd(100) });
    await post('/v1/partners/en/commissions/paid/payout');
    await post('/v1/partners/en/commissions', { commissionId: 'rev', customerId: 'c', saleAmount: usd(1000), commissionAmount: usd(100) });
    await post('/v1/partners/en/commissions/rev/reverse', { reason: 'refund' });
    await post('/v1/partners/en/invoices', { invoiceId: 'i1', amount: usd(500) });
    await post('/v1/partners/en/invoices/i1/settle');
    await post('/v1/partners/en/mdf', { mdfId: 'm1', amount: usd(700), purpose: 'Ads' });
    await post('/v1/partners/en/mdf/m1/deliverable', { description: 'Report' });
    await post('/v1/partners', { partnerId: 'off', name: 'Gone', contactEmail: 'g@x.example', type: 'technology' });
    await post('/v1/partners/off/offboard', { reason: 'ended' });
  });
  afterAll(() => api.close());

  it.each([
    ['selecting an existing partner', 'POST', '/v1/partners', { partnerId: 'sel', name: 'X', contactEmail: 'x@x.example', type: 'referral' }, 409, 'PARTNER_ALREADY_EXISTS'],
    ['adding an existing teammate', 'POST', '/v1/teammates', { teammateId: 'tom', name: 'T', email: 't@co.example', role: 'viewer' }, 409, 'TEAMMATE_ALREADY_EXISTS'],
    ['a command on an unknown partner', 'POST', '/v1/partners/nobody/onboard', {}, 404, 'PARTNER_NOT_FOUND'],
    ['changing the role of an unknown teammate', 'PUT', '/v1/teammates/nobody/role', { role: 'admin' }, 404, 'TEAMMATE_NOT_FOUND'],
    ['onboarding twice', 'POST', '/v1/partners/onb/onboard', {}, 422, 'PARTNER_NOT_SELECTED'],
    ['enabling before onboarding', 'POST', '/v1/partners/sel/enable', {}, 422, 'PARTNER_NOT_ONBOARDED'],
    ['a lead before enablement', 'POST', '/v1/partners/onb/leads', { customerName: 'X' }, 422, 'PARTNER_NOT_ENABLED'],
    ['a commission before enablement', 'POST', '/v1/partners/sel/commissions', { customerId: 'c', saleAmount: usd(1), commissionAmount: usd(1) }, 422, 'PARTNER_NOT_ENABLED'],
    ['an unknown manager', 'PUT', '/v1/partners/sel/manager', { managerId: 'ghost' }, 404, 'TEAMMATE_NOT_FOUND'],
    ['a viewer as manager', 'PUT', '/v1/partners/sel/manager', { managerId: 'vic' }, 422, 'MANAGER_ROLE_INSUFFICIENT'],
    ['a manager after offboarding', 'PUT', '/v1/partners/off/manager', { managerId: 'tom' }, 422, 'PARTNER_OFFBOARDED'],
    ['onboarding after offboarding', 'POST', '/v1/partners/off/onboard', {}, 422, 'PARTNER_OFFBOARDED'],
    ['offboarding twice', 'POST', '/v1/partners/off/offboard', { reason: 'again' }, 422, 'PARTNER_OFFBOARDED'],
    ['a lead id reused with another payload', 'POST', '/v1/partners/en/leads', { leadId: 'l1', customerName: 'Other' }, 409, 'LEAD_ID_CONFLICT'],
    ['a commission id reused with another payload', 'POST', '/v1/partners/en/commissions', { commissionId: 'paid', customerId: 'c', saleAmount: usd(2000), commissionAmount: usd(100) }, 409, 'COMMISSION_ID_CONFLICT'],
    ['an invoice id reused with another payload', 'POST', '/v1/partners/en/invoices', { invoiceId: 'i1', amount: usd(501) }, 409, 'INVOICE_ID_CONFLICT'],
    ['an MDF id reused with another payload', 'POST', '/v1/partners/en/mdf', { mdfId: 'm1', amount: usd(700), purpose: 'Other' }, 409, 'MDF_ID_CONFLICT'],
    ['a second payout', 'POST', '/v1/partners/en/commissions/paid/payout', {}, 422, 'COMMISSION_ALREADY_PAID'],
    ['reversing a paid commission', 'POST', '/v1/partners/en/commissions/paid/reverse', { reason: 'x' }, 422, 'COMMISSION_ALREADY_PAID'],
    ['paying out a reversed commission', 'POST', '/v1/partners/en/commissions/rev/payout', {}, 422, 'COMMISSION_REVERSED'],
    ['reversing twice', 'POST', '/v1/partners/en/commissions/rev/reverse', { reason: 'x' }, 422, 'COMMISSION_ALREADY_REVERSED'],
    ['paying out an unknown commission', 'POST', '/v1/partners/en/commissions/nope/payout', {}, 404, 'COMMISSION_NOT_FOUND'],
    ['settling twice', 'POST', '/v1/partners/en/invoices/i1/settle', {}, 422, 'INVOICE_ALREADY_SETTLED'],
    ['settling an unknown invoice', 'POST', '/v1/partners/en/invoices/nope/settle', {}, 404, 'INVOICE_NOT_FOUND'],
    ['a second deliverable', 'POST', '/v1/partners/en/mdf/m1/deliverable', { description: 'again' }, 422, 'MDF_DELIVERABLE_ALREADY_RECEIVED'],
    ['a deliverable for unknown MDF', 'POST', '/v1/partners/en/mdf/nope/deliverable', { description: 'x' }, 404, 'MDF_NOT_FOUND'],
    ['a commission on an unknown lead', 'POST', '/v1/partners/en/commissions', { customerId: 'c', saleAmount: usd(10), commissionAmount: usd(1), leadId: 'ghost' }, 422, 'LEAD_NOT_FOUND'],
    ['sale and commission in different currencies', 'POST', '/v1/partners/en/commissions', { customerId: 'c', saleAmount: usd(10), commissionAmount: { amountMinor: 1, currency: 'EUR' } }, 400, 'CURRENCY_MISMATCH'],
    ["an override in another teammate's name", 'POST', '/v1/partners/sel/offboard', { reason: 'x', override: { byTeammateId: 'ghost', reason: 'y' } }, 403, 'FORBIDDEN'],
    ['a tier change after offboarding', 'PUT', '/v1/partners/off/tier', { tier: 'gold' }, 422, 'PARTNER_OFFBOARDED'],
  ])('refuses %s', async (_, method, url, body, status, code) => {
    const head = (await api.request('GET', '/v1/events?limit=1000')).body.items.length;
    const response = await api.request(method, url, body);
    expect({ status: response.status, code: response.body.code }).toEqual({ status, code });
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(expect.objectContaining({ type: expect.any(String), title: expect.any(String), detail: expect.any(String) }));
    expect((await api.request('GET', '/v1/events?limit=1000')).body.items.length).toBe(head);
  });

  it.each([
    ['the same lead again', '/v1/partners/en/leads', { leadId: 'l1', customerName: 'Initech' }],
    ['the same commission again', '/v1/partners/en/commissions', { commissionId: 'paid', customerId: 'c', saleAmount: usd(1000), commissionAmount: usd(100) }],
    ['the same invoice again', '/v1/partners/en/invoices', { invoiceId: 'i1', amount: usd(500) }],
    ['the same MDF again', '/v1/partners/en/mdf', { mdfId: 'm1', amount: usd(700), purpose: 'Ads' }],
  ])('treats %s as a no-op that answers the unchanged version', async (_, url, body) => {
    const before = (await api.request('GET', '/v1/events?limit=1000')).body.items.filter((e: { streamId: string }) => e.streamId === 'partnership-en').length;
    const response = await post(url, body);
    expect(response.status).toBeLessThan(300);
    expect(response.body.version).toBe(before);
  });
});
