import { spawn } from 'node:child_process';
import { join } from 'node:path';

export interface RunningApiServer {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * Starts bench/support/api-server in a process of its own; resolves with its URL once it listens.
 * BENCH_SERVER_PROFILE=1 runs it with `--cpu-prof` (a .cpuprofile in the working directory on stop).
 */
export function startApiServer(env: Record<string, string>): Promise<RunningApiServer> {
  const execArgv = process.env.BENCH_SERVER_PROFILE === '1' ? ['--cpu-prof'] : [];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, join(__dirname, 'api-server.js')], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\S+)/.exec(output);
      if (match) {
        resolve({
          url: match[1].replace('[::1]', '127.0.0.1'),
          stop: () => new Promise<void>((done) => (child.once('exit', () => done()), child.kill('SIGTERM'))),
        });
      }
    });
    child.once('exit', (code) => reject(new Error(`the API server exited with ${code}: ${output}`)));
  });
}
