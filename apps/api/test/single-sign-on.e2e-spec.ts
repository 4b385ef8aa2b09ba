import { startOidcProvider, type OidcClient, type OidcProviderProcess } from './support/oidc-provider.process';
import { bearer, keyFor, startTestApp, type TestApp } from './support/test-app';

const CRM: OidcClient = { client_id: 'crm-sync', client_secret: 'crm-secret-0123456789', email: 'Alice@Co.Example' };
const STRANGER: OidcClient = { client_id: 'stranger', client_secret: 'stranger-secret-0123', email: 'nobody@co.example' };
const NO_EMAIL: OidcClient = { client_id: 'no-email', client_secret: 'no-email-secret-0123' };
const OTHER_AUDIENCE: OidcClient = { client_id: 'billing', client_secret: 'billing-secret-0123', email: 'alice@co.example', audience: 'billing-api' };
const SHORT_LIVED: OidcClient = { client_id: 'short', client_secret: 'short-secret-012345', email: 'alice@co.example', ttl: 1 };

/**
 * Single sign-on against a real OpenID provider (oidc-provider, started on loopback) issuing
 * client-credentials tokens: the API checks signature, issuer, audience and expiry with jose,
 * and maps the `email` claim to a teammate, who then acts with their own role.
 */
describe('single sign-on with bearer JWTs', () => {
  let provider: OidcProviderProcess;
  let impostor: OidcProviderProcess;
  let api: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider([CRM, STRANGER, NO_EMAIL, OTHER_AUDIENCE, SHORT_LIVED]);
    // Another provider: its own keys and issuer, which the API must not trust.
    impostor = await startOidcProvider([CRM]);
    api = await startTestApp('pglite', { AUTH_JWKS_URL: provider.jwksUrl, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: 'partnerships' });
    const added = await api.request('POST', '/v1/teammates', { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'teammate' });
    // Emails are matched in the teammates read model: wait until it holds alice.
    await api.request('GET', `/v1/teammates?minPosition=${added.body.position}`);
  });
  afterAll(async () => {
    await api.close();
    await provider.stop();
    await impostor.stop();
  });

  it('lets a token act as the teammate its email names, with that teammate’s role', async () => {
    const token = bearer(await provider.token(CRM));
    const selected = await api.request('POST', '/v1/partners', { partnerId: 'sso', name: 'SSO Co', contactEmail: 's@sso.example', type: 'referral' }, token);
    expect(selected.status).toBe(201);
    const [event] = await api.store.store.readStream('partnership-sso');
    expect(event.metadata.actor).toBe('alice');
    expect((await api.request('POST', '/v1/partners/sso/offboard', { reason: 'x', override: { reason: 'y' } }, token)).status).toBe(403);
    expect((await api.request('GET', '/v1/api-keys', undefined, token)).status).toBe(403);
  });

  it('refuses tokens from another issuer, for another audience, naming nobody, or expired', async () => {
    const refusals = {
      otherIssuer: await api.request('GET', '/v1/partners', undefined, bearer(await impostor.token(CRM))),
      otherAudience: await api.request('GET', '/v1/partners', undefined, bearer(await provider.token(OTHER_AUDIENCE))),
      unknownEmail: await api.request('GET', '/v1/partners', undefined, bearer(await provider.token(STRANGER))),
      noEmail: await api.request('GET', '/v1/partners', undefined, bearer(await provider.token(NO_EMAIL))),
      tampered: await api.request('GET', '/v1/partners', undefined, bearer(`${(await provider.token(CRM)).slice(0, -4)}AAAA`)),
    };
    expect(Object.fromEntries(Object.entries(refusals).map(([name, response]) => [name, [response.status, response.body.code]]))).toEqual({
      otherIssuer: [401, 'UNAUTHENTICATED'],
      otherAudience: [401, 'UNAUTHENTICATED'],
      unknownEmail: [401, 'UNAUTHENTICATED'],
      noEmail: [401, 'UNAUTHENTICATED'],
      tampered: [401, 'UNAUTHENTICATED'],
    });

    const shortLived = bearer(await provider.token(SHORT_LIVED));
    expect((await api.request('GET', '/v1/partners', undefined, shortLived)).status).toBe(200);
    // Lifetime 1 s, plus the 5 s of clock skew the verifier tolerates.
    await new Promise((resolve) => setTimeout(resolve, 6_500));
    expect((await api.request('GET', '/v1/partners', undefined, shortLived)).status).toBe(401);
  });

  it('keeps API keys working beside single sign-on', async () => {
    expect((await api.request('GET', '/v1/partners', undefined, bearer(await keyFor(api, 'alice')))).status).toBe(200);
  });
});

describe('single sign-on mapping another claim to teammate ids', () => {
  it('takes AUTH_JWT_CLAIM=client_id as the teammate id', async () => {
    const provider = await startOidcProvider([CRM]);
    const api = await startTestApp('pglite', {
      AUTH_JWKS_URL: provider.jwksUrl,
      AUTH_ISSUER: provider.issuer,
      AUTH_AUDIENCE: 'partnerships',
      AUTH_JWT_CLAIM: 'client_id',
    });
    try {
      const token = bearer(await provider.token(CRM));
      expect((await api.request('GET', '/v1/partners', undefined, token)).status).toBe(401);
      await api.request('POST', '/v1/teammates', { teammateId: 'crm-sync', name: 'CRM sync', email: 'crm@co.example', role: 'viewer' });
      expect((await api.request('GET', '/v1/partners', undefined, token)).status).toBe(200);
    } finally {
      await api.close();
      await provider.stop();
    }
  });
});
