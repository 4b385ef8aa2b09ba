import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { partnerctl } from '../../cli/test/support/partnerctl.process';
import { freePort, startApiProcess } from './support/api-process';
import { eventually } from './support/test-app';

const OWNER_KEY_LINE = /Owner API key \(shown once; keep it safe\): (plk_\S+)\n {2}Use it on every request: curl -H "Authorization: Bearer \1" http:\/\/127\.0\.0\.1:\d+\/v1\/partners\n/;

async function get(url: string, secret: string): Promise<number> {
  return (await fetch(url, { headers: { authorization: `Bearer ${secret}` } })).status;
}

/**
 * What `npm ci && npm start` does on a fresh clone: no setting, an empty data directory. The
 * first start prints an owner key once; it works; later starts print none. When every owner key
 * is lost, `partnerctl keys` on the stopped store is the way back in.
 */
describe('the first start of the API, and recovery with partnerctl keys', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'first-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('prints a working owner key once, and partnerctl replaces a lost one on the stopped store', async () => {
    const port = String(await freePort());
    const env = { DATA_DIR: dataDir, PORT: port, LOG_LEVEL: 'warn', AUTH_BOOTSTRAP_KEY: '' };

    const first = await startApiProcess(env);
    const match = OWNER_KEY_LINE.exec(first.output());
    let firstKey: string;
    try {
      expect(match).not.toBeNull();
      firstKey = (match as RegExpExecArray)[1];
      expect(await get(`${first.url}/v1/partners`, firstKey)).toBe(200);
      expect(await get(`${first.url}/v1/partners`, `${firstKey.slice(0, -2)}xx`)).toBe(401);
    } finally {
      await first.stop();
    }

    const second = await startApiProcess(env);
    try {
      expect(second.output()).not.toContain('Owner API key');
      expect(await get(`${second.url}/v1/teammates`, firstKey)).toBe(200);
    } finally {
      await second.stop();
    }

    // The owner key is lost: revoke it and make a new one on the store, with the API stopped.
    const keyId = firstKey.split('_')[1];
    const revoked = await partnerctl(['keys', 'revoke', keyId, '--reason', 'lost'], { DATA_DIR: dataDir });
    expect({ code: revoked.code, stdout: revoked.stdout, stderr: revoked.stderr }).toEqual({ code: 0, stdout: `revoked API key ${keyId}\n`, stderr: '' });
    const created = await partnerctl(['keys', 'create', '--teammate', 'owner', '--name', 'recovery', '--json'], { DATA_DIR: dataDir });
    expect(created.stderr).toBe('');
    const recovered = JSON.parse(created.stdout) as { secret: string; role: string; teammateId: string };
    expect(recovered).toMatchObject({ teammateId: 'owner', role: 'owner', secret: expect.stringMatching(/^plk_/) });
    const newOwner = await partnerctl(
      ['keys', 'create', '--teammate', 'grace', '--new-owner-name', 'Grace Hopper', '--new-owner-email', 'grace@co.example', '--json'],
      { DATA_DIR: dataDir },
    );
    const grace = JSON.parse(newOwner.stdout) as { secret: string; role: string };
    expect(grace.role).toBe('owner');

    const third = await startApiProcess(env);
    try {
      expect(await get(`${third.url}/v1/teammates`, firstKey)).toBe(401);
      expect(await get(`${third.url}/v1/teammates`, recovered.secret)).toBe(200);
      expect(await get(`${third.url}/v1/api-keys`, grace.secret)).toBe(200);
      await eventually(async () => {
        const listed = await listKeysOverHttp(third.url, grace.secret);
        expect(listed.find((key) => key.keyId === keyId)).toMatchObject({ status: 'revoked', revokedBy: 'partnerctl' });
      });
    } finally {
      await third.stop();
    }
    const list = await partnerctl(['keys', 'list'], { DATA_DIR: dataDir });
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`${keyId}  Generated at first start`);
    expect(list.stdout).not.toContain('plk_');
  });

  it('refuses wrong use of partnerctl keys with one line', async () => {
    const missing = await partnerctl(['keys', 'create'], { DATA_DIR: dataDir });
    expect({ code: missing.code, stderr: missing.stderr }).toEqual({ code: 2, stderr: 'partnerctl: keys create needs --teammate <id>\n' });
    const unknown = await partnerctl(['keys', 'revoke', 'nokey'], { DATA_DIR: dataDir });
    expect({ code: unknown.code, stderr: unknown.stderr }).toEqual({ code: 1, stderr: 'partnerctl: API key nokey does not exist\n' });
  });

  it('prints the owner key with SEED_DEMO=1 too', async () => {
    const demoDir = mkdtempSync(join(tmpdir(), 'demo-start-'));
    try {
      const demo = await startApiProcess({ DATA_DIR: demoDir, PORT: String(await freePort()), LOG_LEVEL: 'warn', SEED_DEMO: '1', AUTH_BOOTSTRAP_KEY: '' });
      try {
        const key = (OWNER_KEY_LINE.exec(demo.output()) as RegExpExecArray)[1];
        expect(demo.output()).toContain('SEED_DEMO: seeded a demo program');
        const page = await fetch(`${demo.url}/v1/partners?limit=1`, { headers: { authorization: `Bearer ${key}` } });
        expect(page.status).toBe(200);
      } finally {
        await demo.stop();
      }
    } finally {
      rmSync(demoDir, { recursive: true, force: true });
    }
  });
});

async function listKeysOverHttp(url: string, secret: string): Promise<{ keyId: string; status: string; revokedBy: string | null }[]> {
  const response = await fetch(`${url}/v1/api-keys`, { headers: { authorization: `Bearer ${secret}` } });
  return ((await response.json()) as { items: { keyId: string; status: string; revokedBy: string | null }[] }).items;
}
