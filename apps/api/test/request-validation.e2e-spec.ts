import fc from 'fast-check';
import { startTestApp, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/** A valid body per route: each property below breaks exactly one field of it. */
const ROUTES: ReadonlyArray<{ method: string; url: string; body: Record<string, unknown> }> = [
  { method: 'POST', url: '/v1/teammates', body: { teammateId: 'neo', name: 'Neo', email: 'neo@co.example', role: 'teammate' } },
  { method: 'PUT', url: '/v1/teammates/tom/role', body: { role: 'admin' } },
  { method: 'POST', url: '/v1/partners', body: { partnerId: 'new', name: 'New', contactEmail: 'n@x.example', type: 'referral', tier: 'gold', reason: 'fit' } },
  { method: 'POST', url: '/v1/partners/en/onboard', body: { notes: 'n' } },
  { method: 'POST', url: '/v1/partners/en/offboard', body: { reason: 'r', override: { byTeammateId: 'tom', reason: 'x' } } },
  { method: 'PUT', url: '/v1/partners/en/manager', body: { managerId: 'tom' } },
  { method: 'POST', url: '/v1/partners/manager-assignments', body: { partnerIds: ['en'], managerId: 'tom' } },
  { method: 'POST', url: '/v1/partners/en/leads', body: { leadId: 'l9', customerName: 'C', customerEmail: 'c@c.example', estimatedValue: usd(100) } },
  { method: 'POST', url: '/v1/partners/en/commissions', body: { commissionId: 'c9', customerId: 'cu', saleAmount: usd(1000), commissionAmount: usd(100), leadId: 'l1' } },
  { method: 'POST', url: '/v1/partners/en/commissions/c1/reverse', body: { reason: 'r' } },
  { method: 'POST', url: '/v1/partners/en/invoices', body: { invoiceId: 'i9', amount: usd(100), dueAt: '2026-12-01' } },
  { method: 'POST', url: '/v1/partners/en/mdf', body: { mdfId: 'm9', amount: usd(100), purpose: 'p' } },
  { method: 'POST', url: '/v1/partners/en/mdf/m1/deliverable', body: { description: 'd', url: 'https://x.example' } },
  { method: 'PUT', url: '/v1/partners/en/tier', body: { tier: 'gold' } },
];

const MONEY_FIELDS = new Set(['estimatedValue', 'saleAmount', 'commissionAmount', 'amount']);

/** Values that are never valid for the given field of a valid body. */
function invalidValueFor(field: string, valid: unknown): fc.Arbitrary<unknown> {
  const notString = fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.string(), { maxKeys: 1 }));
  if (MONEY_FIELDS.has(field)) {
    return fc.oneof(
      fc.record({ amountMinor: fc.integer({ max: -1 }), currency: fc.constant('USD') }),
      fc.record({ amountMinor: fc.double({ noInteger: true, noNaN: true }), currency: fc.constant('USD') }),
      fc.record({ amountMinor: fc.constant(2 ** 60), currency: fc.constant('USD') }),
      fc.record({ amountMinor: fc.string(), currency: fc.constant('USD') }),
      fc.record({ amountMinor: fc.nat(), currency: fc.string().filter((s) => !/^[A-Z]{3}$/.test(s)) }),
      fc.record({ amountMinor: fc.nat(), currency: fc.constant('USD'), extra: fc.string() }),
      fc.constantFrom('100', 100, [100], true),
    );
  }
  if (Array.isArray(valid)) return fc.oneof(fc.constant([]), fc.string(), fc.array(fc.integer(), { minLength: 1, maxLength: 3 }));
  if (typeof valid === 'object' && valid !== null) return fc.oneof(fc.string(), fc.integer(), fc.constant({ unknown: 1 }));
  return fc.oneof(notString, fc.string({ minLength: 2001, maxLength: 2100 }));
}

describe('requests that do not fit the contract', () => {
  let api: TestApp;
  const headCount = async () => (await api.request('GET', '/v1/events?limit=1000')).body.items.length;

  beforeAll(async () => {
    api = await startTestApp('pglite');
    await api.request('POST', '/v1/teammates', { teammateId: 'tom', name: 'Tom', email: 'tom@co.example', role: 'admin' });
    await api.request('POST', '/v1/partners', { partnerId: 'en', name: 'E', contactEmail: 'e@x.example', type: 'reseller' });
  });
  afterAll(() => api.close());

  const expectBadRequest = (response: { status: number; headers: Record<string, unknown>; body: any }) => { // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toEqual(expect.objectContaining({ status: 400, code: expect.any(String), type: expect.any(String), title: expect.any(String) }));
  };

  it('answers malformed JSON with 400 MALFORMED_JSON and writes nothing', async () => {
    const before = await headCount();
    for (const text of ['{', '{"name": }', 'nul', '{"a":1}}', "{'a':1}"]) {
      const response = await api.request('POST', '/v1/partners', text);
      expectBadRequest(response);
      expect(response.body.code).toBe('MALFORMED_JSON');
    }
    expect(await headCount()).toBe(before);
  });

  it('answers bodies that are not objects with 400', async () => {
    for (const body of ['"text"', '42', '[]', '[{"name":"x"}]', 'null', 'true']) {
      expectBadRequest(await api.request('POST', '/v1/partners', body));
    }
  });

  it('names the field of a wrong type, an unknown field and an oversize string', async () => {
    const wrongType = await api.request('POST', '/v1/partners', { name: 42, contactEmail: 'a@b.example', type: 'referral' });
    expectBadRequest(wrongType);
    expect(wrongType.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'name' })]));

    const unknown = await api.request('POST', '/v1/partners', { name: 'A', contactEmail: 'a@b.example', type: 'referral', isAdmin: true });
    expect(unknown.body.errors).toEqual([expect.objectContaining({ path: 'isAdmin', message: expect.stringContaining('should not exist') })]);

    const oversize = await api.request('POST', '/v1/partners', { name: 'x'.repeat(201), contactEmail: 'a@b.example', type: 'referral' });
    expect(oversize.body.errors).toEqual([expect.objectContaining({ path: 'name' })]);

    const money = await api.request('POST', '/v1/partners/en/commissions', { customerId: 'c', saleAmount: { amountMinor: 10.5, currency: 'USD' }, commissionAmount: { amountMinor: -1, currency: 'usd' } });
    expectBadRequest(money);
    expect(money.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(
      ['commissionAmount.amountMinor', 'commissionAmount.currency', 'saleAmount.amountMinor'],
    );
  });

  it.each(['prototype', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'refuses a field named %s, at the top and nested, as unknown',
    async (key) => {
      const top = await api.request('POST', '/v1/partners/en/mdf', JSON.stringify({ amount: usd(1), purpose: 'p', [key]: 'x' }));
      expectBadRequest(top);
      expect(top.body.errors).toEqual([expect.objectContaining({ path: key })]);
      const nested = await api.request('POST', '/v1/partners/en/mdf', JSON.stringify({ amount: { ...usd(1), [key]: 'x' }, purpose: 'p' }));
      expect(nested.body.errors).toEqual([expect.objectContaining({ path: `amount.${key}` })]);
      const query = await api.request('GET', `/v1/events?${key}=1`);
      expectBadRequest(query);
    },
  );

  it('validates route parameters, query parameters and headers', async () => {
    const badId = await api.request('POST', '/v1/partners/has%20space/onboard', {});
    expectBadRequest(badId);
    expect(badId.body.errors).toEqual([expect.objectContaining({ path: 'id' })]);

    const badQuery = await api.request('GET', '/v1/events?limit=0&after=abc');
    expectBadRequest(badQuery);
    expect(badQuery.body.errors.map((error: { path: string }) => error.path).sort()).toEqual(['after', 'limit']);

    const badIfMatch = await api.request('POST', '/v1/partners/en/onboard', {}, { 'if-match': 'yesterday' });
    expectBadRequest(badIfMatch);
    expect(badIfMatch.body.errors).toEqual([expect.objectContaining({ path: 'headers.if-match' })]);
  });

  it('refuses any single broken field of any command with 400, field paths and no write (property-based)', async () => {
    const before = await headCount();
    const cases = fc.oneof(
      ...ROUTES.map((route) =>
        fc.oneof(
          fc.constantFrom(...Object.keys(route.body)).chain((field) =>
            invalidValueFor(field, route.body[field]).map((value) => ({ route, body: { ...route.body, [field]: value }, field })),
          ),
          fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constantFrom('prototype', 'constructor', 'toString', 'valueOf'))
            .filter((key) => !Object.prototype.hasOwnProperty.call(route.body, key) && key !== 'occurredAt' && key !== '__proto__')
            .map((key) => ({ route, body: { ...route.body, [key]: 'surplus' }, field: key })),
          fc.string({ maxLength: 30 }).filter((s) => Number.isNaN(Date.parse(s)) || s.length < 10)
            .map((occurredAt) => ({ route, body: { ...route.body, occurredAt }, field: 'occurredAt' })),
        ),
      ),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ route, body, field }) => {
        const response = await api.request(route.method, route.url, body);
        expect(response.status).toBe(400);
        expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(response.body.errors.some((error: { path: string }) => error.path === field || error.path.startsWith(`${field}.`))).toBe(true);
      }),
      { numRuns: 300 },
    );
    expect(await headCount()).toBe(before);
  });

  it('refuses a request body over 1 MiB with 413', async () => {
    const response = await api.request('POST', '/v1/partners', { name: 'x'.repeat(1_100_000) });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const response = await api.request('GET', '/v1/nothing-here');
    expect(response.status).toBe(404);
    expect(response.body.code).toBe('ROUTE_NOT_FOUND');
  });
});
