import { ConfigError, loadConfig, type AppConfig } from './app-config';

/** For a process's `main`: the configuration, or one line naming the bad variable and exit code 1. */
export function configOrExit(program: string): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${program}: configuration error: ${error.message}\n`);
    process.exit(1);
  }
}
