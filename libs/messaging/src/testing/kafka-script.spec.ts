import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KAFKA_SCRIPT } from './kafka-broker';

/** Runs `kafka.sh start` with a PATH holding only the named tools, on a port where nothing answers. */
function startWithOnly(tools: string[]): { status: number | null; stderr: string } {
  const bin = mkdtempSync(join(tmpdir(), 'kafka-path-'));
  try {
    for (const tool of ['dirname', ...tools]) {
      const found = spawnSync('bash', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      symlinkSync(found, join(bin, tool));
    }
    const result = spawnSync('/bin/bash', [KAFKA_SCRIPT, 'start'], {
      env: { PATH: bin, KAFKA_PORT: '1', KAFKA_STATE_DIR: join(bin, 'state') },
      encoding: 'utf8',
    });
    return { status: result.status, stderr: result.stderr };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('starting the local broker on a machine without its tools', () => {
  it('says that Java is missing and how to get it', () => {
    const result = startWithOnly([]);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/Java is missing: install a JDK 17/);
  });

  it('says that Maven is missing when Java is there', () => {
    const result = startWithOnly(['java']);
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(/Maven is missing: install it .* fetches Kafka from Maven Central/);
  });
});
