import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@partnerships/config';
import { ConcurrencyError } from '@partnerships/domain';
import { storedChainLink, verifyLog } from '@partnerships/event-store';
import { readWholeLog } from '@partnerships/event-store/testing';
import { createApp } from '../src/app.factory';
import { bearer, startTestApp, TEST_OWNER_KEY, type TestApp } from './support/test-app';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

/**
 * Every write seals its events onto the stream's tip as read (or as cached). Retries, conflicts
 * and a second instance whose cached tips go stale must never leave a link that does not hold.
 */
describe('the hash chain the API writes (pglite)', () => {
  let api: TestApp;
  /** A second instance on the same store (projections off): its writes make the first one's cached tips stale. */
  let other: NestFastifyApplication;
  /** Appends the store refused on a version conflict: each write was then sealed again on the new tip. */
  let conflicts = 0;

  beforeAll(async () => {
    api = await startTestApp('pglite');
    other = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent', PROJECTIONS: 'off' }), store: api.store });
    const { store } = api.store;
    const append = store.appendToStream.bind(store);
    store.appendToStream = async (...args) => {
      try {
        return await append(...args);
      } catch (error) {
        if (error instanceof ConcurrencyError) conflicts += 1;
        throw error;
      }
    };
  });
  afterAll(async () => {
    await other.close();
    await api.close();
  });

  it('seals every event so that the whole log verifies, through retried requests and version conflicts', async () => {
    const post = (url: string, body: unknown = {}, headers?: Record<string, string>) => api.request('POST', url, body, headers);
    const postToOther = async (url: string, body: unknown) => {
      const response = await other.inject({ method: 'POST', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json', ...bearer(TEST_OWNER_KEY) } });
      return response.statusCode;
    };
    const commission = (i: number) => ({ commissionId: `c${i}`, customerId: `cust${i}`, saleAmount: usd(10_000 + i), commissionAmount: usd(1_000) });

    expect((await post('/v1/teammates', { teammateId: 'alice', name: 'Alice', email: 'alice@co.example', role: 'teammate' })).status).toBe(201);
    for (const partnerId of ['acme', 'globex']) {
      expect((await post('/v1/partners', { partnerId, name: partnerId, contactEmail: `ops@${partnerId}.example`, type: 'reseller' })).status).toBe(201);
      expect((await api.request('PUT', `/v1/partners/${partnerId}/manager`, { managerId: 'alice' })).status).toBe(200);
      expect((await post(`/v1/partners/${partnerId}/onboard`)).status).toBe(200);
      expect((await post(`/v1/partners/${partnerId}/enable`)).status).toBe(200);
    }
    expect((await api.request('PUT', '/v1/teammates/alice/role', { role: 'admin' })).status).toBe(200);

    // A request retried with its Idempotency-Key, one after another and at once: written once.
    const keyed = { 'idempotency-key': 'hash-chain-lead' };
    const lead = { leadId: 'l1', customerName: 'Initech', estimatedValue: usd(500_000) };
    expect((await post('/v1/partners/acme/leads', lead, keyed)).status).toBe(201);
    const retries = await Promise.all([1, 2, 3].map(() => post('/v1/partners/acme/leads', lead, keyed)));
    expect(retries.map((retry) => retry.status)).toEqual([201, 201, 201]);

    // The other instance moves acme on: the first one's cached tip is stale, its append conflicts.
    expect(await postToOther('/v1/partners/acme/commissions', commission(0))).toBe(201);
    expect((await post('/v1/partners/acme/commissions', commission(1))).status).toBe(201);
    expect(conflicts).toBeGreaterThan(0);

    // Concurrent commands on both partners through both instances.
    const burst = await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const url = `/v1/partners/${i % 3 === 0 ? 'globex' : 'acme'}/commissions`;
        return i % 2 === 0 ? post(url, commission(10 + i)).then((response) => response.status) : postToOther(url, commission(10 + i));
      }),
    );
    expect(burst).toEqual(Array(10).fill(201));

    const verification = await verifyLog(api.store.store);
    const log = await readWholeLog(api.store.store);
    // The owner and its key, written at start-up, then what this test sent.
    expect(log.length).toBe(2 + 1 + 2 * 4 + 1 + 1 + 2 + 10);
    expect(verification).toMatchObject({ firstBreak: null, streams: 5, head: { events: log.length } });
    for (const event of log) {
      expect(storedChainLink(event.metadata).hash).toMatch(/^[0-9a-f]{64}$/);
      expect(event.metadata).toHaveProperty('previousHash', event.version === 1 ? null : expect.stringMatching(/^[0-9a-f]{64}$/));
    }
  });
});
