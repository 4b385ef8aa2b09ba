import { ConfigError, loadConfig, type AppConfig } from './config/app-config';
import { createApp } from './app.factory';

function configOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`partnerships: configuration error: ${error.message}\n`);
    process.exit(1);
  }
}

async function main(): Promise<void> {
  const config = configOrExit();
  const app = await createApp({ config });
  await app.listen(config.port, config.host);
  const store = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  process.stdout.write(`Partnerships API listening on ${url} — API docs ${url}/docs — event store: ${store}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`partnerships: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
