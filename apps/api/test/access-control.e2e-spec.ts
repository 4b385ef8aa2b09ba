import { roleAtLeast, type TeammateRole } from '@partnerships/domain';
import { randomBytes } from 'node:crypto';
import { PERMISSIONS, type Permission } from '../src/auth/permissions';
import { registeredRoutes, type RegisteredRoute } from './support/route-table';
import { bearer, eventually, keyFor, partnerKeyFor, startTestApp, TEST_OWNER_KEY, type TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

/*
 * Who may call what, generated from the routes the application really registered: every route ×
 * every kind of caller gets exactly the answer the permission table promises, a refused request
 * writes nothing, and an accepted write records the caller as its actor whatever X-Actor says.
 */

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

type Caller =
  | { readonly label: string; readonly kind: 'anonymous' | 'bad-key' | 'revoked-key' }
  | { readonly label: string; readonly kind: 'teammate'; readonly role: TeammateRole; readonly teammateId: string }
  | { readonly label: string; readonly kind: 'own-partner' | 'other-partner' };

const CALLERS: readonly Caller[] = [
  { label: 'anonymous', kind: 'anonymous' },
  { label: 'bad', kind: 'bad-key' },
  { label: 'revoked', kind: 'revoked-key' },
  { label: 'viewer', kind: 'teammate', role: 'viewer', teammateId: 'viewer-t' },
  { label: 'teammate', kind: 'teammate', role: 'teammate', teammateId: 'mate-t' },
  { label: 'admin', kind: 'teammate', role: 'admin', teammateId: 'admin-t' },
  { label: 'owner', kind: 'teammate', role: 'owner', teammateId: 'owner' },
  { label: 'own', kind: 'own-partner' },
  { label: 'other', kind: 'other-partner' },
];

interface Sample {
  readonly url: string;
  readonly body?: unknown;
  /** An answer that never ends (Server-Sent Events): sent over a socket, read up to its headers. */
  readonly stream?: true;
}

/**
 * Each route's permission as this spec requires it (an independent statement, so that a route
 * whose decorator names another permission fails here), and a request to it that succeeds for
 * any caller allowed to make it (targets are prepared per caller in beforeAll).
 */
function routeSpecs(caller: string, keyIds: Readonly<Record<string, string>>): Record<string, readonly [Permission, Sample]> {
  const rebuild = { admin: 'clearance', owner: 'manager-contact' }[caller] ?? 'all-partners';
  return {
    'GET /health': ['public', { url: '/health' }],
    'GET /metrics': ['public', { url: '/metrics' }],
    'GET /v1/analytics/manager-performance': ['read', { url: '/v1/analytics/manager-performance?from=2026-01-01&to=2027-01-01&interval=month&currency=USD&attribution=at-event' }],
    'GET /v1/api-keys': ['manage-team', { url: '/v1/api-keys' }],
    'POST /v1/api-keys': ['manage-team', { url: '/v1/api-keys', body: { name: `issued by ${caller}`, teammateId: 'viewer-t' } }],
    'DELETE /v1/api-keys/:keyId': ['operate', { url: `/v1/api-keys/${keyIds[caller]}` }],
    'GET /v1/events': ['read', { url: '/v1/events?limit=5' }],
    'GET /v1/events/stream': ['read', { url: '/v1/events/stream', stream: true }],
    'GET /v1/me': ['whoami', { url: '/v1/me' }],
    'GET /v1/partners': ['read', { url: '/v1/partners?limit=5' }],
    'POST /v1/partners': ['operate', { url: '/v1/partners', body: { partnerId: `new-${caller}`, name: 'New', contactEmail: 'n@new.example', type: 'referral' } }],
    'POST /v1/partners/manager-assignments': ['operate', { url: '/v1/partners/manager-assignments', body: { partnerIds: ['own'], managerId: 'manager' } }],
    'GET /v1/partners/:id': ['read-partner', { url: '/v1/partners/own' }],
    'GET /v1/partners/:id/api-keys': ['operate', { url: '/v1/partners/own/api-keys' }],
    'POST /v1/partners/:id/api-keys': ['operate', { url: '/v1/partners/own/api-keys', body: { name: `portal by ${caller}` } }],
    'GET /v1/partners/:id/clearance': ['read', { url: '/v1/partners/own/clearance' }],
    'POST /v1/partners/:id/commissions': [
      'operate',
      { url: '/v1/partners/own/commissions', body: { customerId: `cust-${caller}`, saleAmount: usd(10_000), commissionAmount: usd(1_000) } },
    ],
    'POST /v1/partners/:id/commissions/:cid/payout': ['move-money', { url: `/v1/partners/own/commissions/pay-${caller}/payout`, body: {} }],
    'POST /v1/partners/:id/commissions/:cid/reverse': ['operate', { url: `/v1/partners/own/commissions/rev-${caller}/reverse`, body: { reason: 'refund' } }],
    'POST /v1/partners/:id/enable': ['operate', { url: `/v1/partners/onb-${caller}/enable`, body: {} }],
    'GET /v1/partners/:id/history': ['read-partner', { url: '/v1/partners/own/history' }],
    'POST /v1/partners/:id/invoices': ['operate', { url: '/v1/partners/own/invoices', body: { amount: usd(500) } }],
    'POST /v1/partners/:id/invoices/:iid/settle': ['move-money', { url: `/v1/partners/own/invoices/inv-${caller}/settle`, body: {} }],
    'POST /v1/partners/:id/leads': ['refer-lead', { url: '/v1/partners/own/leads', body: { customerName: `Lead by ${caller}` } }],
    'PUT /v1/partners/:id/manager': ['operate', { url: '/v1/partners/own/manager', body: { managerId: 'manager' } }],
    'GET /v1/partners/:id/manager-contact': ['read-partner', { url: '/v1/partners/own/manager-contact' }],
    'POST /v1/partners/:id/mdf': ['operate', { url: '/v1/partners/own/mdf', body: { amount: usd(700), purpose: 'Fair' } }],
    'POST /v1/partners/:id/mdf/:mid/deliverable': ['operate', { url: `/v1/partners/own/mdf/mdf-${caller}/deliverable`, body: { description: 'Photos' } }],
    'POST /v1/partners/:id/offboard': ['operate', { url: `/v1/partners/off-${caller}/offboard`, body: { reason: 'Program review' } }],
    'POST /v1/partners/:id/onboard': ['operate', { url: `/v1/partners/sel-${caller}/onboard`, body: {} }],
    'PUT /v1/partners/:id/tier': ['operate', { url: '/v1/partners/own/tier', body: { tier: 'gold' } }],
    'GET /v1/projections': ['read', { url: '/v1/projections' }],
    'POST /v1/projections/:name/rebuild': ['operate-projections', { url: `/v1/projections/${rebuild}/rebuild`, body: {} }],
    'GET /v1/teammates': ['read', { url: '/v1/teammates' }],
    'POST /v1/teammates': ['manage-team', { url: '/v1/teammates', body: { teammateId: `new-${caller}`, name: 'New', email: 'new@co.example', role: 'viewer' } }],
    'DELETE /v1/teammates/:id': ['manage-team', { url: `/v1/teammates/rm-${caller}`, body: {} }],
    'PUT /v1/teammates/:id/role': ['manage-team', { url: '/v1/teammates/t-role/role', body: { role: 'viewer' } }],
    'GET /v1/webhooks': ['manage-webhooks', { url: '/v1/webhooks' }],
    'POST /v1/webhooks': ['manage-webhooks', { url: '/v1/webhooks', body: { url: keyIds.receiver, eventTypes: ['PartnerSelected'] } }],
    'GET /v1/webhooks/:id': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}` }],
    'PATCH /v1/webhooks/:id': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}`, body: { description: `changed by ${caller}` } }],
    'DELETE /v1/webhooks/:id': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-del-${caller}`]}` }],
    'POST /v1/webhooks/:id/rotate-secret': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}/rotate-secret` }],
    'POST /v1/webhooks/:id/test': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}/test` }],
    'GET /v1/webhooks/:id/deliveries': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}/deliveries` }],
    'POST /v1/webhooks/:id/deliveries/:deliveryId/redeliver': [
      'manage-webhooks',
      { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}/deliveries/${keyIds[`delivery-${caller}`]}/redeliver` },
    ],
    'POST /v1/webhooks/:id/replay': ['manage-webhooks', { url: `/v1/webhooks/${keyIds[`wh-${caller}`]}/replay`, body: { fromPosition: '1' } }],
  };
}

function specOf(route: RegisteredRoute, caller: string, keyIds: Readonly<Record<string, string>>): readonly [Permission, Sample] {
  const spec = routeSpecs(caller, keyIds)[`${route.method} ${route.path}`];
  if (spec === undefined) throw new Error(`no expected permission and sample for ${route.method} ${route.path}: add them to this spec`);
  return spec;
}

/** 2xx, or the status a refusal must have, as the permission table says. */
function expectedStatus(permission: Permission, caller: Caller): 'success' | 401 | 403 | 404 {
  const rule = PERMISSIONS[permission];
  if (rule.role === null) return 'success';
  switch (caller.kind) {
    case 'anonymous':
    case 'bad-key':
    case 'revoked-key':
      return 401;
    case 'own-partner':
      return rule.partner !== false ? 'success' : 403;
    case 'other-partner':
      return rule.partner === false ? 403 : rule.partner === 'self' ? 'success' : 404;
    case 'teammate':
      return roleAtLeast(caller.role, rule.role) ? 'success' : 403;
  }
}

/** A streaming GET over a real socket: its status and headers, and the body when it is a refusal. */
async function streamHead(baseUrl: string, url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const sent = Object.fromEntries(Object.entries(headers).filter(([, value]) => value !== ''));
  const response = await fetch(`${baseUrl}${url}`, { headers: sent, signal: controller.signal });
  const answer = {
    status: response.status,
    headers: Object.fromEntries([...(response.headers as unknown as Iterable<[string, string]>)]),
    body: response.ok ? undefined : await response.json(),
  };
  controller.abort();
  return answer;
}

function actorOf(caller: Caller): string | null {
  if (caller.kind === 'teammate') return caller.teammateId;
  return caller.kind === 'own-partner' ? 'partner:own' : null;
}

describe('access control over every route', () => {
  let api: TestApp;
  let baseUrl: string;
  const secrets: Record<string, string> = {};
  const keyIds: Record<string, string> = {};
  const receiver = new WebhookReceiver();

  beforeAll(async () => {
    // Webhooks of this spec point at a receiver on 127.0.0.1: nothing is ever sent elsewhere.
    keyIds.receiver = await receiver.start();
    api = await startTestApp('pglite', { WEBHOOKS_ALLOW_HTTP: '1', WEBHOOKS_ALLOWED_HOSTS: '127.0.0.1' });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const ok = async (method: string, url: string, body?: unknown) => {
      const response = await api.request(method, url, body);
      if (response.status >= 300) throw new Error(`setup ${method} ${url}: ${response.status} ${JSON.stringify(response.body)}`);
      return response;
    };
    for (const [teammateId, role] of [['viewer-t', 'viewer'], ['mate-t', 'teammate'], ['admin-t', 'admin'], ['manager', 'teammate'], ['t-role', 'viewer']]) {
      await ok('POST', '/v1/teammates', { teammateId, name: teammateId, email: `${teammateId}@co.example`, role });
    }
    for (const partnerId of ['own', 'other']) {
      await ok('POST', '/v1/partners', { partnerId, name: partnerId, contactEmail: `hello@${partnerId}.example`, type: 'reseller' });
      await ok('POST', `/v1/partners/${partnerId}/onboard`, {});
      await ok('POST', `/v1/partners/${partnerId}/enable`, {});
    }
    for (const { label } of CALLERS) {
      await ok('POST', '/v1/partners', { partnerId: `sel-${label}`, name: 'S', contactEmail: 's@s.example', type: 'referral' });
      await ok('POST', '/v1/partners', { partnerId: `onb-${label}`, name: 'O', contactEmail: 'o@o.example', type: 'referral' });
      await ok('POST', `/v1/partners/onb-${label}/onboard`, {});
      await ok('POST', '/v1/partners', { partnerId: `off-${label}`, name: 'F', contactEmail: 'f@f.example', type: 'referral' });
      await ok('POST', `/v1/partners/off-${label}/onboard`, {});
      await ok('POST', `/v1/partners/off-${label}/enable`, {});
      for (const commissionId of [`pay-${label}`, `rev-${label}`]) {
        await ok('POST', '/v1/partners/own/commissions', { commissionId, customerId: commissionId, saleAmount: usd(2_000), commissionAmount: usd(200) });
      }
      await ok('POST', '/v1/partners/own/invoices', { invoiceId: `inv-${label}`, amount: usd(300) });
      await ok('POST', '/v1/partners/own/mdf', { mdfId: `mdf-${label}`, amount: usd(400), purpose: 'Ads' });
      await ok('POST', '/v1/teammates', { teammateId: `rm-${label}`, name: 'Leaving', email: `rm-${label}@co.example`, role: 'viewer' });
      keyIds[label] = (await ok('POST', '/v1/partners/own/api-keys', { name: `to revoke by ${label}` })).body.keyId;
    }
    for (const caller of CALLERS) {
      if (caller.kind === 'teammate') secrets[caller.label] = caller.teammateId === 'owner' ? TEST_OWNER_KEY : await keyFor(api, caller.teammateId);
    }
    secrets.own = await partnerKeyFor(api, 'own');
    secrets.other = await partnerKeyFor(api, 'other');
    secrets.bad = `plk_${'a'.repeat(16)}_${randomBytes(32).toString('base64url')}`;
    const revoked = await ok('POST', '/v1/api-keys', { name: 'soon revoked', teammateId: 'admin-t' });
    await ok('DELETE', `/v1/api-keys/${revoked.body.keyId}`);
    secrets.revoked = revoked.body.secret;
    for (const { label } of CALLERS) {
      keyIds[`wh-${label}`] = (await ok('POST', '/v1/webhooks', { url: keyIds.receiver, eventTypes: ['PartnerSelected'] })).body.webhookId;
      keyIds[`wh-del-${label}`] = (await ok('POST', '/v1/webhooks', { url: keyIds.receiver, eventTypes: ['PartnerSelected'] })).body.webhookId;
    }
    await ok('POST', '/v1/partners', { partnerId: 'hooked', name: 'Hooked', contactEmail: 'h@h.example', type: 'referral' });
    await eventually(async () => {
      for (const { label } of CALLERS) {
        const { body } = await ok('GET', `/v1/webhooks/${keyIds[`wh-${label}`]}/deliveries`);
        expect(body.items).toHaveLength(1);
        keyIds[`delivery-${label}`] = body.items[0].deliveryId;
      }
    }, 15_000);
  });
  afterAll(async () => {
    await api.close();
    await receiver.stop();
  });

  it('declares on every route the permission this spec requires of it', () => {
    const routes = registeredRoutes(api.app);
    expect(routes.length).toBeGreaterThan(30);
    const declared = routes.map((route) => `${route.method} ${route.path} → ${route.permission}`);
    expect(declared).toEqual(routes.map((route) => `${route.method} ${route.path} → ${specOf(route, 'owner', keyIds)[0]}`));
    expect(Object.keys(routeSpecs('owner', keyIds)).sort()).toEqual(routes.map((route) => `${route.method} ${route.path}`).sort());
  });

  it('answers each caller of each route as the permission table says, writing only what is allowed, as the caller', async () => {
    const mismatches: string[] = [];
    const routes = registeredRoutes(api.app);
    for (const route of routes) {
      for (const caller of CALLERS) {
        const [permission, { url, body, stream }] = specOf(route, caller.label, keyIds);
        const expected = expectedStatus(permission, caller);
        const headBefore = await api.store.store.headPosition();
        const headers = { 'x-actor': 'mallory', authorization: caller.kind === 'anonymous' ? '' : `Bearer ${secrets[caller.label]}` };
        const response = stream ? await streamHead(baseUrl, url, headers) : await api.request(route.method, url, body, headers);
        const written = await api.store.store.readAll({ after: headBefore, limit: 100 });
        const label = `${route.method} ${url} as ${caller.label}`;
        if (expected === 'success') {
          if (response.status < 200 || response.status > 299) mismatches.push(`${label}: expected 2xx, got ${response.status} ${JSON.stringify(response.body)}`);
          const actors = [...new Set(written.map((event) => event.metadata.actor))];
          if (written.length > 0 && (actors.length !== 1 || actors[0] !== actorOf(caller))) {
            mismatches.push(`${label}: wrote events as ${actors.join(', ')}`);
          }
        } else {
          if (response.status !== expected) mismatches.push(`${label}: expected ${expected}, got ${response.status} ${JSON.stringify(response.body)}`);
          if (written.length > 0) mismatches.push(`${label}: refused with ${response.status} but wrote ${written.map((event) => event.type).join(', ')}`);
          if (response.headers['content-type']?.toString().startsWith('application/problem+json') !== true) {
            mismatches.push(`${label}: refusal is not problem+json`);
          }
          if (expected === 401 && !String(response.headers['www-authenticate'] ?? '').startsWith('Bearer')) {
            mismatches.push(`${label}: 401 without a Bearer challenge`);
          }
          if (expected !== 404 && response.body?.code !== (expected === 401 ? 'UNAUTHENTICATED' : 'FORBIDDEN')) {
            mismatches.push(`${label}: code ${response.body?.code}`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("words another partner's 404 exactly as an unknown partner's", async () => {
    const forOther = await api.request('GET', '/v1/partners/own', undefined, bearer(secrets.other));
    const unknown = await api.request('GET', '/v1/partners/no-such-partner');
    expect(forOther.status).toBe(404);
    expect({ ...forOther.body, detail: forOther.body.detail.replace('own', 'X'), partnerId: 'X' }).toEqual({
      ...unknown.body,
      detail: unknown.body.detail.replace('no-such-partner', 'X'),
      partnerId: 'X',
    });
  });
});
