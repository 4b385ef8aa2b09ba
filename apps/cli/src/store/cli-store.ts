import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigError, loadConfig, openConfiguredStore, type AppConfig, type OpenedStore } from '@partnerships/config';
import { DataDirInUseError } from '@partnerships/event-store';
import { CliFailure } from '../cli-failure';

export interface CliOpenedStore extends OpenedStore {
  readonly config: AppConfig;
}

/** The embedded store's directory is held by another process, as a running API holds it. */
export class EmbeddedStoreHeldError extends CliFailure {
  constructor(readonly dataDir: string) {
    super(`the embedded store in ${dataDir} is held by another process`);
    this.name = 'EmbeddedStoreHeldError';
  }
}

/**
 * The store the environment names, as the API opens it, opened on first use (so that `--help`
 * opens nothing) and closed when the command ends.
 */
@Injectable()
export class CliStore implements OnApplicationShutdown {
  private opening: Promise<CliOpenedStore> | null = null;

  open(): Promise<CliOpenedStore> {
    this.opening ??= openFromEnvironment();
    return this.opening;
  }

  async onApplicationShutdown(): Promise<void> {
    const opened = await this.opening?.catch(() => null);
    // Closes the store and the read-model database (and releases the embedded directory).
    await opened?.close();
  }
}

async function openFromEnvironment(): Promise<CliOpenedStore> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new CliFailure(`configuration error: ${error.message}`);
    throw error;
  }
  try {
    return { ...(await openConfiguredStore(config)), config };
  } catch (error) {
    // Matched by name: the lock's error class is not exported by the event-store lib.
    if (error instanceof DataDirInUseError) throw new EmbeddedStoreHeldError(config.dataDir);
    const where = config.eventStoreConnectionString
      ? 'EventStoreDB (EVENTSTORE_CONNECTION_STRING) or the read-model database'
      : config.databaseUrl
        ? 'PostgreSQL (DATABASE_URL)'
        : `the embedded store in ${config.dataDir}`;
    throw new CliFailure(`cannot open ${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
