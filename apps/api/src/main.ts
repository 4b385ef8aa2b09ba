import { configOrExit, describeConfiguredStore, openConfiguredStore } from '@partnerships/config';
import { createApp } from './app.factory';
import { defaultConsoleDir } from './http/console-assets';
import { OWNER_BOOTSTRAP } from './auth/auth.tokens';
import type { OwnerBootstrapResult } from './auth/auth.module';
import { seedDemoIfRequested } from './demo/demo-seed';

async function main(): Promise<void> {
  const config = configOrExit('partnerships');
  // Opened before Nest starts, so that a store that cannot open (directory in use, PostgreSQL
  // unreachable) stops start-up with one line instead of a framework stack trace.
  const store = await openConfiguredStore(config);
  await seedDemoIfRequested(config, store.store, (line) => process.stdout.write(`${line}\n`));
  const app = await createApp({ config, store, closeStoreOnShutdown: true });
  await app.listen(config.port, config.host);
  const storeLabel = describeConfiguredStore(config);
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const relay = config.kafka ? ` — relay to Kafka topic ${config.kafka.topic} on ${config.kafka.brokers.join(',')}` : '';
  const bootstrap = app.get<OwnerBootstrapResult>(OWNER_BOOTSTRAP).outcome;
  if (bootstrap?.outcome === 'generated-key') {
    // Shown this once, as Elasticsearch and Jupyter show theirs: only its hash is kept.
    process.stdout.write(
      `Owner API key (shown once; keep it safe): ${bootstrap.secret}\n` +
        `  Use it on every request: curl -H "Authorization: Bearer ${bootstrap.secret}" ${url}/v1/partners\n` +
        `  or sign in to the console with it: ${url}/\n`,
    );
  }
  const consoleLine = defaultConsoleDir() === null ? 'console not built (npm run build)' : `console ${url}/`;
  process.stdout.write(`Partnerships API listening on ${url} — ${consoleLine} — API docs ${url}/docs — event store: ${storeLabel}${relay}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`partnerships: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
