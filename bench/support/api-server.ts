/**
 * The API for the benchmarks' HTTP runs (bench:commands, bench:http), as a process of its own so
 * that the load generator and the server do not share one event loop: PostgreSQL from
 * BENCH_DATABASE_URL and BENCH_SCHEMA, projections off (the command path alone) unless
 * BENCH_PROJECTIONS=on, and with BENCH_AUTHENTICATION=off a guard that checks nothing instead of
 * the access guard. Prints its URL once it listens.
 */
import 'reflect-metadata';
import { loadConfig } from '@partnerships/config';
import { createSqlEventStore } from '@partnerships/event-store';
import { createApp } from '../../apps/api/src/app.factory';
import { UncheckedOwnerGuard } from './unchecked-owner.guard';

async function main(): Promise<void> {
  const opened = await createSqlEventStore({ databaseUrl: process.env.BENCH_DATABASE_URL, schema: process.env.BENCH_SCHEMA });
  const store = { ...opened, logClient: opened.client, close: () => opened.store.close() };
  const config = loadConfig({ LOG_LEVEL: 'silent', AUTH_BOOTSTRAP_KEY: process.env.BENCH_OWNER_KEY });
  const guard = process.env.BENCH_AUTHENTICATION === 'off' ? UncheckedOwnerGuard : undefined;
  const app = await createApp({ config, store, projections: process.env.BENCH_PROJECTIONS === 'on', closeStoreOnShutdown: true, guard });
  await app.listen(0, '127.0.0.1');
  process.stdout.write(`listening ${await app.getUrl()}\n`);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
