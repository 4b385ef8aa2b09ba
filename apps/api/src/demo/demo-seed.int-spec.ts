import { loadConfig, type OpenedStore } from '@partnerships/config';
import { createSqlEventStore } from '@partnerships/event-store';
import { createApp } from '../app.factory';
import { DEMO_PARTNERS, seedDemoIfRequested } from './demo-seed';

const OWNER_KEY = 'demo-seed-owner-key-0123456789';
const config = loadConfig({ SEED_DEMO: '1', LOG_LEVEL: 'silent', AUTH_BOOTSTRAP_KEY: OWNER_KEY });

/** What `main` does before listening: seed the demo if asked, then build the app on the store. */
async function start(store: OpenedStore) {
  const lines: string[] = [];
  const outcome = await seedDemoIfRequested(config, store.store, (line) => lines.push(line));
  const app = await createApp({ config, store });
  return { app, head: await store.store.headPosition(), outcome, lines };
}

describe('SEED_DEMO=1', () => {
  let store: OpenedStore;

  beforeAll(async () => {
    // In memory, and kept open across both starts: the decision rests on the log alone, and an
    // embedded store on disk is several seconds slower to create.
    const opened = await createSqlEventStore({});
    store = { ...opened, logClient: opened.client, close: () => opened.store.close() };
  });

  afterAll(async () => {
    await store?.close();
  });

  it('seeds the empty log once, shows the partners once projected, and leaves the log alone on the next start', async () => {
    const first = await start(store);
    let partners: { status: string }[];
    try {
      // Waits (bounded) until the in-process projections have applied the whole seeded log.
      const response = await first.app.inject({
        method: 'GET',
        url: `/v1/partners?limit=200&minPosition=${first.head}`,
        headers: { authorization: `Bearer ${OWNER_KEY}` },
      });
      expect(response.statusCode).toBe(200);
      partners = (JSON.parse(response.body) as { items: { status: string }[] }).items;
    } finally {
      await first.app.close();
    }
    const second = await start(store);
    await second.app.close();

    expect(first.outcome).toBe('seeded');
    expect(first.lines).toEqual([expect.stringMatching(/^SEED_DEMO: seeded a demo program into the empty log: 50 partners, \d+ teammates, \d+ events$/)]);
    expect(partners).toHaveLength(DEMO_PARTNERS);
    expect(new Set(partners.map((partner) => partner.status))).toEqual(new Set(['selected', 'onboarded', 'enabled', 'offboarded']));
    expect(second.outcome).toBe('skipped');
    expect(second.lines).toEqual(['SEED_DEMO: the event log already holds events; no demo program seeded']);
    expect(second.head).toBe(first.head);
  });
});
