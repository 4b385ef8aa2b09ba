import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MAIN = join(__dirname, '..', '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the built server (what `npm start` runs) and resolves once it says it is listening. */
function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN], {
      env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('listening on')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));
}

describe('the embedded store when the process is killed', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every command it acknowledged before SIGKILL', async () => {
    expect(existsSync(MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
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
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ partnerId: `p${i}`, name: `P${i}`, contactEmail: `p${i}@x.example`, type: 'reseller' }),
          });
          if (response.status === 201) acknowledged.push(`partnership-p${i}`);
        }),
      );
    } finally {
      first.kill('SIGKILL');
      await exited(first);
    }
    expect(acknowledged).toHaveLength(40);

    const second = await startServer(dataDir, port);
    try {
      const page = (await (await fetch(`${url}/v1/events?limit=1000`)).json()) as { items: { streamId: string }[] };
      expect(page.items.map((event) => event.streamId).sort()).toEqual([...acknowledged].sort());
    } finally {
      second.kill('SIGTERM');
      await exited(second);
    }
  });
});
