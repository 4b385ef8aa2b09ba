import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { createSqlClient } from '@partnerships/event-store';
import { Logger } from 'nestjs-pino';
import { analyticsConsumerConfigOrExit } from './analytics-consumer.config';
import { AnalyticsConsumerModule } from './analytics-consumer.module';

/**
 * An example backend service: consumes the event topic in its consumer group and keeps a small
 * analytics read model in PostgreSQL, each event counted once (see README.md).
 */
async function main(): Promise<void> {
  const config = analyticsConsumerConfigOrExit();
  const client = await createSqlClient({ databaseUrl: config.databaseUrl, schema: config.databaseSchema ?? undefined });
  let app: INestApplicationContext | null = null;
  let failed = false;
  // An undecodable message stops the consumer: end the process so that it does not look healthy.
  // It may come while the context still boots (the consumer starts in a bootstrap hook).
  const exitAfterFailure = (context: INestApplicationContext): void => {
    void context.close().finally(() => process.exit(1));
  };
  const onFailure = (): void => {
    if (failed) return;
    failed = true;
    if (app !== null) exitAfterFailure(app);
  };
  // Boots the module, whose bootstrap hook starts the consumer.
  app = await NestFactory.createApplicationContext(AnalyticsConsumerModule.forRoot({ config, client, onFailure }), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  if (failed) {
    exitAfterFailure(app);
    return;
  }
  const database = `PostgreSQL${config.databaseSchema ? ` (schema ${config.databaseSchema})` : ''}`;
  process.stdout.write(
    `Analytics consumer reading ${config.kafka.topic} as group ${config.groupId} from ${config.kafka.brokers.join(',')} into ${database}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`analytics-consumer: failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
