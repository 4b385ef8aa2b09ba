import { DynamicModule, Module } from '@nestjs/common';
import type { SqlClient } from '@partnerships/event-store';
import { createKafkaClient } from '@partnerships/messaging';
import type { Kafka } from 'kafkajs';
import { LoggerModule } from 'nestjs-pino';
import type { AnalyticsConsumerConfig } from './analytics-consumer.config';
import {
  ANALYTICS_CONFIG,
  ANALYTICS_CONSUMER,
  ANALYTICS_KAFKA,
  ANALYTICS_READ_MODEL,
  AnalyticsConsumerLifecycle,
} from './analytics-consumer.lifecycle';
import { createDailyAnalyticsConsumer } from './daily-analytics.consumer';

export interface AnalyticsConsumerModuleOptions {
  readonly config: AnalyticsConsumerConfig;
  /** The read-model database, closed by the module on shutdown. */
  readonly client: SqlClient;
  /** The consumer stopped by itself (an undecodable message): the process should end. */
  readonly onFailure: (error: Error) => void;
}

/** A backend service consuming the event topic: no HTTP, the consumer, its progress in the logs, a clean stop. */
@Module({})
export class AnalyticsConsumerModule {
  static forRoot({ config, client, onFailure }: AnalyticsConsumerModuleOptions): DynamicModule {
    return {
      module: AnalyticsConsumerModule,
      imports: [LoggerModule.forRoot({ pinoHttp: { level: config.logLevel } })],
      providers: [
        { provide: ANALYTICS_CONFIG, useValue: config },
        { provide: ANALYTICS_READ_MODEL, useValue: client },
        { provide: ANALYTICS_KAFKA, useFactory: () => createKafkaClient(config.kafka) },
        {
          provide: ANALYTICS_CONSUMER,
          inject: [ANALYTICS_KAFKA],
          useFactory: (kafka: Kafka) =>
            createDailyAnalyticsConsumer({ kafka, topic: config.kafka.topic, groupId: config.groupId, client, onFailure }),
        },
        AnalyticsConsumerLifecycle,
      ],
    };
  }
}
