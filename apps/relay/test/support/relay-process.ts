import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { SqlClient } from '@partnerships/event-store';

const RELAY = join(__dirname, '..', '..', '..', '..', 'dist', 'apps', 'relay', 'src', 'main.js');

export interface RelayProcessSettings {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly brokers: string;
  readonly topic: string;
  readonly batchSize: number;
  readonly metricsPort?: number;
}

/** The built relay (what `npm run start:relay` runs) on a test schema and topic. */
export function startRelayProcess(settings: RelayProcessSettings): ChildProcess {
  const child = spawn(process.execPath, [RELAY], {
    env: {
      ...process.env,
      DATABASE_URL: settings.databaseUrl,
      DATABASE_SCHEMA: settings.schema,
      KAFKA_BROKERS: settings.brokers,
      KAFKA_TOPIC: settings.topic,
      KAFKA_TOPIC_PARTITIONS: '4',
      RELAY_BATCH_SIZE: String(settings.batchSize),
      ...(settings.metricsPort && { RELAY_METRICS_PORT: String(settings.metricsPort) }),
      LOG_LEVEL: 'error',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Drained so that a chatty relay never blocks on a full pipe.
  child.stdout?.resume();
  child.stderr?.resume();
  return child;
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** The relay's checkpoint as stored (null before its first page, or before it registered). */
export async function storedRelayCheckpoint(client: SqlClient, topic: string): Promise<string | null> {
  const { rows } = await client.query<{ position: string | null }>(
    'SELECT position::text AS position FROM projection_checkpoints WHERE name = $1',
    [`relay:${topic}`],
  ).catch(() => ({ rows: [] as Array<{ position: string | null }> }));
  return rows[0]?.position ?? null;
}

/** One figure of the relay's Prometheus text, 0 when absent or unreachable. */
export async function relayMetric(port: number, name: string): Promise<number> {
  try {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}{`));
    return line ? Number(line.split(' ').at(-1)) : 0;
  } catch {
    return 0;
  }
}
