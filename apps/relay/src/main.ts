import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configOrExit, describeConfiguredStore, openConfiguredStore } from '@partnerships/config';
import { Logger } from 'nestjs-pino';
import { RelayAppModule } from './relay-app.module';

/**
 * Publishes the event log to Kafka on its own (the API then runs without KAFKA_BROKERS). Run one
 * relay per topic: a second one is safe (the checkpoint moves once, consumers drop duplicates)
 * but only repeats the work.
 */
async function main(): Promise<void> {
  const config = configOrExit('relay');
  if (config.kafka === null) {
    process.stderr.write('relay: KAFKA_BROKERS is not set; set it to the brokers to publish to, such as 127.0.0.1:9092\n');
    process.exit(1);
  }
  const opened = await openConfiguredStore(config);
  const app = await NestFactory.createApplicationContext(RelayAppModule.forRoot(config, config.kafka, opened), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.init();
  const storeLabel = describeConfiguredStore(config);
  process.stdout.write(`Relay publishing ${storeLabel} to ${config.kafka.topic} on ${config.kafka.brokers.join(',')}, ${config.kafka.relayBatchSize} events per page\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`relay: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
