import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, startApiProcess, type ApiProcess } from './support/api-process';

const README = join(__dirname, '..', '..', '..', 'README.md');
const OWNER_KEY = 'readme-owner-key-0123456789abcdef';

/** The bash block of the README's curl walk-through, pointed at this test's server and key. */
function walkthrough(api: string): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf("## One partner's life, with curl"));
  const block = /```bash\n([\s\S]*?)```/.exec(section);
  if (block === null) throw new Error('the README has no curl walk-through');
  const script = block[1].replace('API=http://127.0.0.1:3000', `API=${api}`).replace(/^KEY=plk_….*$/m, `KEY=${OWNER_KEY}`);
  if (!script.includes(`KEY=${OWNER_KEY}`)) throw new Error('the walk-through no longer sets KEY from the first start');
  return script;
}

/** The README's curl walk-through, run as written by bash and curl against the built server. */
describe("the README's curl walk-through", () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'readme-'));
  let api: ApiProcess;

  beforeAll(async () => {
    api = await startApiProcess({ DATA_DIR: dataDir, PORT: String(await freePort()), LOG_LEVEL: 'warn', AUTH_BOOTSTRAP_KEY: OWNER_KEY });
  });
  afterAll(async () => {
    await api.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs, and leaves acme offboarded with each step recorded as its caller', async () => {
    const { stdout } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', walkthrough(api.url)], { maxBuffer: 16 * 1024 * 1024 });
    expect(stdout).toContain('"code":"CLEARANCE_REQUIRED"');
    expect(stdout).toContain('"manager":{"id":"alice","name":"Alice Moreau","email":"alice@company.example"}');
    expect(stdout.match(/"code":"FORBIDDEN"/g)).toHaveLength(2);
    expect(stdout).not.toContain('UNAUTHENTICATED');

    const history = (await (await fetch(`${api.url}/v1/partners/acme/history`, { headers: { authorization: `Bearer ${OWNER_KEY}` } })).json()) as {
      events: { type: string; actor: string }[];
    };
    expect(history.events.map((event) => [event.type, event.actor])).toEqual([
      ['PartnerSelected', 'alice'],
      ['PartnerManagerReassigned', 'alice'],
      ['PartnerOnboarded', 'alice'],
      ['PartnerEnabled', 'alice'],
      ['LeadReferred', 'partner:acme'],
      ['CommissionEarned', 'alice'],
      ['CommissionPaidOut', 'olivia'],
      ['PartnerOffboarded', 'alice'],
    ]);
  });
});
