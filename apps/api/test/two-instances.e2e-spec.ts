import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from '../src/app.factory';
import { loadConfig } from '@partnerships/config';
import { bearer, openTestStore, TEST_OWNER_KEY } from './support/test-app';

/**
 * Each API instance keeps the stream states it wrote, to skip a read on its next write. With two
 * instances on one store, those states go stale; every answer must still be what the store says.
 */
describe('two API instances writing to the same partners', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  let first: NestFastifyApplication;
  let second: NestFastifyApplication;
  const send = async (app: NestFastifyApplication, method: 'POST' | 'PUT', url: string, body: object, headers: Record<string, string> = {}) => {
    const response = await app.inject({ method, url, payload: body, headers: { 'content-type': 'application/json', ...bearer(TEST_OWNER_KEY), ...headers } });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    store = await openTestStore('postgres');
    const config = loadConfig({ LOG_LEVEL: 'silent', AUTH_BOOTSTRAP_KEY: TEST_OWNER_KEY });
    first = await createApp({ config, store });
    second = await createApp({ config, store });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await store.dispose();
  });

  it('accepts a write whose state another instance moved on, instead of refusing it on stale state', async () => {
    expect((await send(first, 'POST', '/v1/partners', { partnerId: 'shared', name: 'Shared', contactEmail: 's@x.example', type: 'reseller' })).status).toBe(201);
    expect((await send(second, 'POST', '/v1/partners/shared/onboard', {})).status).toBe(200);
    expect((await send(second, 'POST', '/v1/partners/shared/enable', {})).status).toBe(200);

    // The first instance last saw `selected`; the store says `enabled`.
    const lead = await send(first, 'POST', '/v1/partners/shared/leads', { leadId: 'l1', customerName: 'Initech' });
    expect(lead).toEqual({ status: 201, body: expect.objectContaining({ version: 4 }) });

    expect((await send(second, 'PUT', '/v1/partners/shared/tier', { tier: 'gold' })).body.version).toBe(5);
    const ifMatch = await send(first, 'PUT', '/v1/partners/shared/tier', { tier: 'platinum' }, { 'if-match': '"5"' });
    expect(ifMatch).toEqual({ status: 200, body: expect.objectContaining({ version: 6 }) });

    const noOp = await send(second, 'PUT', '/v1/partners/shared/tier', { tier: 'platinum' });
    expect(noOp.body.version).toBe(6);

    const history = await store.store.readStream('partnership-shared');
    expect(history.map((event) => event.type)).toEqual([
      'PartnerSelected', 'PartnerOnboarded', 'PartnerEnabled', 'LeadReferred', 'PartnerTierChanged', 'PartnerTierChanged',
    ]);
  });

  it('refuses only what the stored stream refuses', async () => {
    await send(first, 'POST', '/v1/partners', { partnerId: 'gone', name: 'Gone', contactEmail: 'g@x.example', type: 'referral' });
    await send(second, 'POST', '/v1/partners/gone/offboard', { reason: 'ended' });
    const refused = await send(first, 'PUT', '/v1/partners/gone/tier', { tier: 'gold' });
    expect(refused).toEqual({ status: 422, body: expect.objectContaining({ code: 'PARTNER_OFFBOARDED' }) });
  });

  it('loses nothing when both instances write to one partner at once', async () => {
    await send(first, 'POST', '/v1/partners', { partnerId: 'contended', name: 'C', contactEmail: 'c@x.example', type: 'reseller' });
    await send(first, 'POST', '/v1/partners/contended/onboard', {});
    await send(first, 'POST', '/v1/partners/contended/enable', {});
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send(i % 2 === 0 ? first : second, 'POST', '/v1/partners/contended/leads', { leadId: `l${i}`, customerName: `Customer ${i}` })),
    );
    expect(responses.every((response) => response.status === 201)).toBe(true);
    const history = await store.store.readStream('partnership-contended');
    expect(history.map((event) => event.version)).toEqual(Array.from({ length: 23 }, (_, i) => i + 1));
    expect(history.filter((event) => event.type === 'LeadReferred')).toHaveLength(20);
  });
});
