import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { resolve } from 'node:path';

/** deploy/kafka/kafka.sh: fetches, formats and starts a local single-node broker. */
export const KAFKA_SCRIPT = resolve(__dirname, '../../../../deploy/kafka/kafka.sh');

/** The broker the tests use: KAFKA_TEST_BROKERS, else the local one on 9092. */
export function testKafkaBrokers(): string[] {
  return (process.env.KAFKA_TEST_BROKERS ?? '127.0.0.1:9092').split(',');
}

/** True when something accepts a TCP connection on `host:port` within a second. */
export function answers(address: string): Promise<boolean> {
  const [host, port] = address.split(':');
  return new Promise((done) => {
    const socket = connect({ host, port: Number(port) });
    const finish = (result: boolean): void => {
      socket.destroy();
      done(result);
    };
    socket.setTimeout(1_000, () => finish(false));
    socket.once('connect', () => finish(true));
    socket.once('error', () => finish(false));
  });
}

/** Runs `kafka.sh <command>` with extra environment; throws with the script's own words on failure. */
export function runKafkaScript(command: 'start' | 'stop', env: Record<string, string> = {}): void {
  const result = spawnSync('bash', [KAFKA_SCRIPT, command], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 5 * 60_000,
  });
  if (result.status !== 0) {
    const said = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim();
    throw new Error(`deploy/kafka/kafka.sh ${command} failed (exit ${result.status}): ${said || result.error?.message}`);
  }
}
