import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * What `npm start` runs; `npm test` builds it first (alone: `npm run build`). Found from this
 * file's sources (tests) or from its compiled copy in dist (the benchmarks).
 */
export const API_MAIN = [join(__dirname, '..', '..', 'src', 'main.js'), join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'api', 'src', 'main.js')].find(existsSync) ?? 'dist/apps/api/src/main.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface ApiProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts the built server with `env` on top of this process's environment; resolves once it listens. */
export function startApiProcess(env: Record<string, string>): Promise<ApiProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [API_MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const host = env.HOST ?? '127.0.0.1';
    const started: ApiProcess = {
      child,
      url: `http://${host}:${env.PORT ?? '3000'}`,
      output: () => output,
      stop: (signal = 'SIGTERM') => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const exited = new Promise<void>((done) => child.once('exit', () => done()));
        child.kill(signal);
        return exited;
      },
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // The listening line comes last, after the owner key when one was generated.
      if (output.includes('listening on')) resolve(started);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
}
