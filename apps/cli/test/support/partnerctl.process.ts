import { spawn } from 'node:child_process';
import { join } from 'node:path';

/** What `npm run cli` runs: the built CLI (`npm test` builds first; alone, run `npm run build`). */
export const PARTNERCTL_MAIN = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'cli', 'src', 'main.js');

export interface PartnerctlRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The settings that choose a store: a run sees only those its test gives. */
const STORE_SETTINGS = ['DATABASE_URL', 'DATABASE_SCHEMA', 'DATA_DIR', 'EVENTSTORE_CONNECTION_STRING'];

/** Runs the built `partnerctl` with only the store settings given here. */
export function partnerctl(args: readonly string[], storeEnv: Record<string, string>): Promise<PartnerctlRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of STORE_SETTINGS) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [PARTNERCTL_MAIN, ...args], { env: { ...env, ...storeEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
