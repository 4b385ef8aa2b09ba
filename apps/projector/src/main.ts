import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configOrExit, describeConfiguredStore, openConfiguredStore } from '@partnerships/config';
import { READ_MODEL_PROJECTIONS } from '@partnerships/projections';
import { Logger } from 'nestjs-pino';
import { ProjectorModule } from './projector.module';

/**
 * Runs the projections from the event store into the read-model database, on their own (the API
 * then runs with PROJECTIONS=off). Several projectors on one database are safe (a checkpoint moves
 * only once) but only one does useful work per projection.
 */
async function main(): Promise<void> {
  const config = configOrExit('projector');
  const opened = await openConfiguredStore(config);
  const app = await NestFactory.createApplicationContext(ProjectorModule.forRoot(config, opened), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  const storeLabel = describeConfiguredStore(config);
  const names = READ_MODEL_PROJECTIONS.map((projection) => projection.name).join(', ');
  process.stdout.write(`Projector running ${names} on ${storeLabel}, ${config.projectionBatchSize} events per batch\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`projector: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
