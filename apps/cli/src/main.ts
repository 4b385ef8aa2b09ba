#!/usr/bin/env node
import { CommandFactory } from 'nest-commander';
import { reportFailure } from './cli-failure';
import { CliModule } from './cli.module';

async function main(): Promise<void> {
  // Closes the application, and with it the store, once the command is done or has failed.
  await CommandFactory.run(CliModule, { logger: false, serviceErrorHandler: reportFailure });
}

main().catch(reportFailure);
