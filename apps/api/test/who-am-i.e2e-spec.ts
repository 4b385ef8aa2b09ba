import { bearer, keyFor, partnerKeyFor, startTestApp, type TestApp } from './support/test-app';

describe('GET /v1/me', () => {
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp('pglite');
    await api.request('POST', '/v1/teammates', { teammateId: 'vera', name: 'Vera', email: 'vera@co.example', role: 'viewer' });
    await api.request('POST', '/v1/partners', { partnerId: 'acme', name: 'Acme', contactEmail: 'hello@acme.example', type: 'reseller' });
  });
  afterAll(() => api.close());

  it('names the owner and grants it every permission', async () => {
    const me = await api.request('GET', '/v1/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ kind: 'teammate', teammateId: 'owner', role: 'owner' });
    expect(Object.values(me.body.may).every(Boolean)).toBe(true);
  });

  it('tells a viewer it may read but not operate, move money or manage the team', async () => {
    const me = await api.request('GET', '/v1/me', undefined, bearer(await keyFor(api, 'vera')));
    expect(me.body).toMatchObject({ kind: 'teammate', teammateId: 'vera', role: 'viewer' });
    expect(me.body.may).toMatchObject({ read: true, 'read-partner': true, operate: false, 'move-money': false, 'manage-team': false, 'operate-projections': false });
  });

  it('tells a partner key its partner and that it may read its own partner and refer leads only', async () => {
    const secret = await partnerKeyFor(api, 'acme');
    const me = await api.request('GET', '/v1/me', undefined, bearer(secret));
    expect(me.body).toMatchObject({ kind: 'partner', partnerId: 'acme' });
    expect(me.body.may).toMatchObject({ 'read-partner': true, 'refer-lead': true, read: false, operate: false });
    expect(JSON.stringify(me.body)).not.toContain(secret);
  });
});
