import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface RunningProduct {
  readonly url: string;
  /** From spawning the process to its "listening" line. */
  readonly startMs: number;
  stop(): Promise<void>;
}

/** A port free on loopback now (the server binds it a moment later). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address !== null ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/**
 * The product as `npm start` runs it (dist/apps/api/src/main.js, the built console included), with
 * `env` over this process's environment; resolves once it prints that it listens.
 */
export async function startProduct(env: Record<string, string>): Promise<RunningProduct> {
  const port = await freePort();
  const started = performance.now();
  const main = join(__dirname, '../../apps/api/src/main.js');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], { env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match) {
        resolve({
          url: match[1],
          startMs: performance.now() - started,
          stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the product exited with ${code}: ${output}`)));
  });
}
