import { DEFAULT_CREDENTIAL_MAX_AGE_MS } from '@partnerships/access';
import { bearer, eventually, keyFor, openTestStore, partnerKeyFor, startTestApp, type TestApp } from './support/test-app';

const teammate = (teammateId: string, role: string) => ({ teammateId, name: teammateId, email: `${teammateId}@co.example`, role });

describe('API keys over their life', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('pglite');
  });
  afterAll(async () => {
    await api.close();
  });

  it('acts with the teammate’s current role from the next request on', async () => {
    await api.request('POST', '/v1/teammates', teammate('vera', 'viewer'));
    const vera = bearer(await keyFor(api, 'vera'));
    const select = () => api.request('POST', '/v1/partners', { name: 'Initech', contactEmail: 'i@initech.example', type: 'referral' }, vera);

    expect((await api.request('GET', '/v1/partners', undefined, vera)).status).toBe(200);
    expect((await select()).status).toBe(403);
    expect((await api.request('PUT', '/v1/teammates/vera/role', { role: 'teammate' })).status).toBe(200);
    expect((await select()).status).toBe(201);
    expect((await api.request('PUT', '/v1/teammates/vera/role', { role: 'viewer' })).status).toBe(200);
    expect((await select()).status).toBe(403);
  });

  it('refuses a revoked key on the next request, and a key of a removed teammate', async () => {
    await api.request('POST', '/v1/teammates', teammate('rick', 'teammate'));
    const issued = await api.request('POST', '/v1/api-keys', { name: 'laptop', teammateId: 'rick' });
    const rick = bearer(issued.body.secret);
    expect((await api.request('GET', '/v1/teammates', undefined, rick)).status).toBe(200);

    const revoked = await api.request('DELETE', `/v1/api-keys/${issued.body.keyId}`, { reason: 'laptop lost' });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ keyId: issued.body.keyId, version: 2, position: expect.any(String) });
    const refused = await api.request('GET', '/v1/teammates', undefined, rick);
    expect({ status: refused.status, code: refused.body.code, challenge: refused.headers['www-authenticate'] }).toEqual({
      status: 401,
      code: 'UNAUTHENTICATED',
      challenge: 'Bearer realm="partnerships", error="invalid_token"',
    });
    expect((await api.request('DELETE', `/v1/api-keys/${issued.body.keyId}`)).body.version).toBe(2);

    const second = bearer(await keyFor(api, 'rick'));
    expect((await api.request('GET', '/v1/teammates', undefined, second)).status).toBe(200);
    expect((await api.request('DELETE', '/v1/teammates/rick', { reason: 'left the company' })).status).toBe(200);
    expect((await api.request('GET', '/v1/teammates', undefined, second)).status).toBe(401);
    const reissue = await api.request('POST', '/v1/api-keys', { name: 'again', teammateId: 'rick' });
    expect({ status: reissue.status, code: reissue.body.code }).toEqual({ status: 422, code: 'TEAMMATE_REMOVED' });
    const assign = await api.request('POST', '/v1/teammates', teammate('rick', 'viewer'));
    expect(assign.body.code).toBe('TEAMMATE_ALREADY_EXISTS');
  });

  it('lets a teammate give up a key of their own, but not revoke another teammate’s', async () => {
    await api.request('POST', '/v1/teammates', teammate('tess', 'teammate'));
    await api.request('POST', '/v1/teammates', teammate('theo', 'teammate'));
    const tess = await api.request('POST', '/v1/api-keys', { name: 'ci', teammateId: 'tess' });
    const theo = bearer(await keyFor(api, 'theo'));
    expect((await api.request('DELETE', `/v1/api-keys/${tess.body.keyId}`, undefined, theo)).status).toBe(403);
    expect((await api.request('DELETE', `/v1/api-keys/${tess.body.keyId}`, undefined, bearer(tess.body.secret))).status).toBe(200);
    expect((await api.request('GET', '/v1/teammates', undefined, bearer(tess.body.secret))).status).toBe(401);
  });

  it('refuses an expired key', async () => {
    await api.request('POST', '/v1/teammates', teammate('eve', 'viewer'));
    const expiresAt = new Date(Date.now() + 1_500).toISOString();
    const issued = await api.request('POST', '/v1/api-keys', { name: 'short-lived', teammateId: 'eve', expiresAt });
    expect(issued.body.expiresAt).toBe(expiresAt);
    expect((await api.request('GET', '/v1/teammates', undefined, bearer(issued.body.secret))).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    const refused = await api.request('GET', '/v1/teammates', undefined, bearer(issued.body.secret));
    expect({ status: refused.status, detail: refused.body.detail }).toEqual({ status: 401, detail: 'The API key has expired' });
  });

  it('keeps admins below owner: no owner keys, no owner role, no owner removal', async () => {
    await api.request('POST', '/v1/teammates', teammate('ada', 'admin'));
    const ada = bearer(await keyFor(api, 'ada'));
    const refusals = [
      await api.request('POST', '/v1/api-keys', { name: 'x', teammateId: 'owner' }, ada),
      await api.request('POST', '/v1/teammates', teammate('boss', 'owner'), ada),
      await api.request('PUT', '/v1/teammates/ada/role', { role: 'owner' }, ada),
      await api.request('DELETE', '/v1/teammates/owner', {}, ada),
    ];
    expect(refusals.map((response) => [response.status, response.body.code])).toEqual(Array(4).fill([403, 'FORBIDDEN']));
    expect((await api.request('POST', '/v1/teammates', teammate('vic2', 'viewer'), ada)).status).toBe(201);
    expect((await api.request('POST', '/v1/api-keys', { name: 'x', teammateId: 'vic2' }, ada)).status).toBe(201);
  });

  it('lists keys without their secrets, with who issued and revoked them', async () => {
    await api.request('POST', '/v1/partners', { partnerId: 'acme', name: 'Acme', contactEmail: 'a@acme.example', type: 'reseller' });
    const issued = await api.request('POST', '/v1/partners/acme/api-keys', { name: 'Acme portal' });
    expect(issued.status).toBe(201);
    expect(issued.body).toEqual({
      keyId: expect.stringMatching(/^[a-z2-7]{16}$/),
      secret: expect.stringMatching(/^plk_[a-z2-7]{16}_[A-Za-z0-9_-]{43}$/),
      name: 'Acme portal',
      teammateId: null,
      partnerId: 'acme',
      role: 'partner',
      createdAt: expect.any(String),
      expiresAt: null,
      position: expect.any(String),
    });
    const listed = await api.request('GET', `/v1/partners/acme/api-keys?minPosition=${issued.body.position}`);
    expect(listed.body.items).toEqual([
      expect.objectContaining({ keyId: issued.body.keyId, name: 'Acme portal', partnerId: 'acme', role: 'partner', status: 'active', createdBy: 'owner' }),
    ]);
    const all = await api.request('GET', `/v1/api-keys?minPosition=${issued.body.position}`);
    expect(JSON.stringify(all.body)).not.toContain('plk_');
    expect(all.body.items.find((key: { name: string }) => key.name === 'laptop')).toMatchObject({ status: 'revoked', revokedBy: 'owner', role: 'teammate' });
    expect(all.body.items.find((key: { name: string }) => key.name === 'AUTH_BOOTSTRAP_KEY')).toMatchObject({ teammateId: 'owner', role: 'owner', createdBy: 'system' });
  });

  it('refuses a key for an offboarded partner, and lets its existing key read but not refer', async () => {
    await api.request('POST', '/v1/partners', { partnerId: 'gone', name: 'Gone', contactEmail: 'g@gone.example', type: 'referral' });
    const key = bearer(await partnerKeyFor(api, 'gone'));
    await api.request('POST', '/v1/partners/gone/offboard', { reason: 'never started' });
    const refused = await api.request('POST', '/v1/partners/gone/api-keys', { name: 'late' });
    expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'PARTNER_OFFBOARDED' });
    expect((await api.request('GET', '/v1/partners/gone/history', undefined, key)).status).toBe(200);
    expect((await api.request('POST', '/v1/partners/gone/leads', { customerName: 'X' }, key)).body.code).toBe('PARTNER_OFFBOARDED');
  });

  it('does not replay an answer that showed a secret under a retried Idempotency-Key', async () => {
    const keyed = { 'idempotency-key': 'issue-once' };
    const first = await api.request('POST', '/v1/api-keys', { name: 'retry', teammateId: 'owner' }, keyed);
    const second = await api.request('POST', '/v1/api-keys', { name: 'retry', teammateId: 'owner' }, keyed);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.keyId).not.toBe(first.body.keyId);
    const stored = await api.store.client.query<{ response: unknown }>('SELECT response FROM idempotency_records');
    expect(JSON.stringify(stored.rows)).not.toContain('plk_');
  });

  it('sends security headers and no CORS headers unless origins are configured', async () => {
    const response = await api.request('GET', '/v1/partners', undefined, { origin: 'https://evil.example' });
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'strict-transport-security': expect.stringContaining('max-age='),
      'content-security-policy': expect.stringContaining("default-src 'self'"),
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('declares the bearer scheme and each operation’s role in the OpenAPI document', async () => {
    const openapi = (await api.request('GET', '/docs/openapi.json')).body;
    expect(openapi.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const payout = openapi.paths['/v1/partners/{id}/commissions/{cid}/payout'].post;
    expect(payout).toMatchObject({ 'x-required-role': 'admin', security: [{ bearer: [] }] });
    expect(openapi.paths['/v1/partners/{id}/leads'].post['x-required-role']).toBe('teammate');
    expect(openapi.paths['/v1/partners/{id}/leads'].post['x-partner-key']).toBe('own partner only');
    expect(openapi.paths['/health'].get['x-required-role']).toBe('public');
  });
});

describe('failed authentication from one address', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('pglite', { AUTH_FAILURES_PER_MINUTE: '5', CORS_ORIGINS: 'https://console.example.com' });
  });
  afterAll(async () => {
    await api.close();
  });

  it('answers 429 with Retry-After after the limit, while good keys still pass', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await api.request('GET', '/v1/partners', undefined, { authorization: `Bearer wrong-key-${i}-0123456789abcdef` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const limited = await api.request('GET', '/v1/partners', undefined, { authorization: 'Bearer wrong-key-again-0123456789abcdef' });
    expect({ code: limited.body.code, retryAfter: Number(limited.headers['retry-after']) }).toEqual({
      code: 'TOO_MANY_FAILED_AUTHENTICATIONS',
      retryAfter: expect.any(Number),
    });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect((await api.request('GET', '/v1/partners')).status).toBe(200);
    // Requests without credentials are refused, not counted: a browser opening a page is no attack.
    expect((await api.request('GET', '/v1/partners', undefined, { authorization: '' })).status).toBe(401);
  });

  it('answers CORS preflights for the configured origins only', async () => {
    const allowed = await api.app.inject({
      method: 'OPTIONS',
      url: '/v1/partners',
      headers: { origin: 'https://console.example.com', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://console.example.com');
    const other = await api.app.inject({
      method: 'OPTIONS',
      url: '/v1/partners',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('two API replicas on one PostgreSQL', () => {
  it('honour a role change and a revocation made on the other within the documented bound', async () => {
    const store = await openTestStore('postgres');
    const first = await startTestApp('postgres', {}, { store });
    const second = await startTestApp('postgres', { PROJECTIONS: 'off' }, { store: { ...store, dispose: async () => undefined } });
    try {
      await first.request('POST', '/v1/teammates', teammate('rita', 'viewer'));
      const issued = await first.request('POST', '/v1/api-keys', { name: 'replicas', teammateId: 'rita' });
      const rita = bearer(issued.body.secret);
      const select = (api: TestApp) => api.request('POST', '/v1/partners', { name: 'Hooli', contactEmail: 'h@hooli.example', type: 'referral' }, rita);
      expect((await select(second)).status).toBe(403);

      await first.request('PUT', '/v1/teammates/rita/role', { role: 'teammate' });
      const promotedAt = Date.now();
      await eventually(async () => expect((await select(second)).status).toBe(201), DEFAULT_CREDENTIAL_MAX_AGE_MS + 2_000);
      expect(Date.now() - promotedAt).toBeLessThanOrEqual(DEFAULT_CREDENTIAL_MAX_AGE_MS + 500);

      await first.request('DELETE', `/v1/api-keys/${issued.body.keyId}`);
      const revokedAt = Date.now();
      await eventually(async () => expect((await second.request('GET', '/v1/teammates', undefined, rita)).status).toBe(401), DEFAULT_CREDENTIAL_MAX_AGE_MS + 2_000);
      expect(Date.now() - revokedAt).toBeLessThanOrEqual(DEFAULT_CREDENTIAL_MAX_AGE_MS + 500);
      expect((await first.request('GET', '/v1/teammates', undefined, rita)).status).toBe(401);
    } finally {
      await second.close();
      await first.close();
    }
  });
});
