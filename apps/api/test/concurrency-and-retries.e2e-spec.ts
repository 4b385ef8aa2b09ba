import { startTestApp, type StoreKind, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

describe.each<StoreKind>(['postgres', 'pglite', 'eventstoredb'])('concurrent commands and retried requests (%s)', (kind) => {
  let api: TestApp;
  const streamEvents = (partnerId: string) => api.store.store.readStream(`partnership-${partnerId}`);

  beforeAll(async () => {
    api = await startTestApp(kind);
    await api.request('POST', '/v1/partners', { partnerId: 'busy', name: 'Busy', contactEmail: 'b@x.example', type: 'reseller' });
    await api.request('POST', '/v1/partners/busy/onboard', {});
    await api.request('POST', '/v1/partners/busy/enable', {});
  });
  afterAll(() => api.close());

  it('never loses an update when many commands hit one partner at once', async () => {
    // The protocol double serves every gRPC call in this test's own thread, so an attempt costs
    // several times what it does on a real server: fewer callers keep the retries within bounds.
    const callers = kind === 'eventstoredb' ? 12 : 24;
    const responses = await Promise.all(
      Array.from({ length: callers }, (_, i) =>
        api.request('POST', '/v1/partners/busy/commissions', { commissionId: `c${i}`, customerId: `cust${i}`, saleAmount: usd(1000 + i), commissionAmount: usd(100) }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(callers).fill(201));
    expect(new Set(responses.map((response) => response.body.version)).size).toBe(callers);

    const events = await streamEvents('busy');
    expect(events.map((event) => event.version)).toEqual(Array.from({ length: callers + 3 }, (_, i) => i + 1));
    expect(events.filter((e) => e.type === 'CommissionEarned').map((e) => e.data.commissionId).sort()).toEqual(
      Array.from({ length: callers }, (_, i) => `c${i}`).sort(),
    );
    // One process runs a stream's commands one after the other: none of them had to decide again.
    const metrics = await api.request('GET', '/metrics');
    expect(String(metrics.body)).not.toMatch(/^partnerships_command_retries_total\{[^}]*\} [1-9]/m);
  });

  it('answers 412 when If-Match names a version that is no longer current', async () => {
    const current = (await streamEvents('busy')).length;
    const stale = await api.request('PUT', '/v1/partners/busy/tier', { tier: 'gold' }, { 'if-match': `"${current - 1}"` });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');

    const fresh = await api.request('PUT', '/v1/partners/busy/tier', { tier: 'gold' }, { 'if-match': `"${current}"` });
    expect(fresh.status).toBe(200);
    expect(fresh.body.version).toBe(current + 1);
  });

  it('returns the first answer to a retry with the same Idempotency-Key and writes nothing new', async () => {
    const headers = { 'idempotency-key': `pay-${kind}-1` };
    const body = { customerId: 'again', saleAmount: usd(5000), commissionAmount: usd(500) };
    const first = await api.request('POST', '/v1/partners/busy/commissions', body, headers);
    expect(first.status).toBe(201);
    const countAfterFirst = (await streamEvents('busy')).length;

    const retries = await Promise.all([1, 2, 3].map(() => api.request('POST', '/v1/partners/busy/commissions', body, headers)));
    for (const retry of retries) {
      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
    }
    expect((await streamEvents('busy')).length).toBe(countAfterFirst);

    const reused = await api.request('POST', '/v1/partners/busy/commissions', { ...body, customerId: 'other' }, headers);
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('writes a concurrent burst of the same keyed request once', async () => {
    const headers = { 'idempotency-key': `burst-${kind}` };
    const body = { partnerId: `burst-${kind}`, name: 'Burst', contactEmail: 'b@x.example', type: 'affiliate' };
    const responses = await Promise.all(Array.from({ length: 8 }, () => api.request('POST', '/v1/partners', body, headers)));
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    for (const response of responses) expect(response.body).toEqual(responses[0].body);
    expect((await streamEvents(`burst-${kind}`)).length).toBe(1);
  });

  it('creates one partner with a generated id when a keyed request without an id is retried', async () => {
    const headers = { 'idempotency-key': `gen-${kind}` };
    const body = { name: 'Generated', contactEmail: 'g@x.example', type: 'technology' };
    const first = await api.request('POST', '/v1/partners', body, headers);
    const second = await api.request('POST', '/v1/partners', body, headers);
    expect(first.body.partnerId).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.body).toEqual(first.body);
  });
});
