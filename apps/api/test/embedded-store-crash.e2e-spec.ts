import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_MAIN, freePort, startApiProcess, type ApiProcess } from './support/api-process';
import { TEST_OWNER_KEY } from './support/test-app';

const authorization = { authorization: `Bearer ${TEST_OWNER_KEY}` };

function startServer(dataDir: string, port: number): Promise<ApiProcess> {
  return startApiProcess({ DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn', AUTH_BOOTSTRAP_KEY: TEST_OWNER_KEY });
}

describe('the embedded store when the process is killed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every command it acknowledged before SIGKILL', async () => {
    expect(existsSync(API_MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startServer(dataDir, port);
    const acknowledged: string[] = [];
    try {
      // Concurrent requests, so that acknowledged appends share group commits.
      await Promise.all(
        Array.from({ length: 40 }, async (_, i) => {
          const response = await fetch(`${url}/v1/partners`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...authorization },
            body: JSON.stringify({ partnerId: `p${i}`, name: `P${i}`, contactEmail: `p${i}@x.example`, type: 'reseller' }),
          });
          if (response.status === 201) acknowledged.push(`partnership-p${i}`);
        }),
      );
    } finally {
      await first.stop('SIGKILL');
    }
    expect(acknowledged).toHaveLength(40);

    const second = await startServer(dataDir, port);
    try {
      const page = (await (await fetch(`${url}/v1/events?limit=1000`, { headers: authorization })).json()) as { items: { streamId: string }[] };
      const partners = page.items.map((event) => event.streamId).filter((streamId) => streamId.startsWith('partnership-'));
      expect(partners.sort()).toEqual([...acknowledged].sort());
    } finally {
      await second.stop();
    }
  });
});
