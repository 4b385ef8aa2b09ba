import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { SqlClient } from '@partnerships/event-store';
import { ProgressReporter, type ProgressLine } from '@partnerships/log-follower';
import { ensureEventTopic, type ConsumerStatus, type EventStreamConsumer } from '@partnerships/messaging';
import type { Kafka } from 'kafkajs';
import type { AnalyticsConsumerConfig } from './analytics-consumer.config';
import { prepareDailyAnalytics } from './daily-analytics.consumer';

export const ANALYTICS_CONSUMER = Symbol('ANALYTICS_CONSUMER');
export const ANALYTICS_READ_MODEL = Symbol('ANALYTICS_READ_MODEL');
export const ANALYTICS_KAFKA = Symbol('ANALYTICS_KAFKA');
export const ANALYTICS_CONFIG = Symbol('ANALYTICS_CONFIG');

/**
 * Prepares the tables and the topic, starts consuming, logs progress; on SIGTERM lets the batch in
 * flight commit, leaves the group, then closes the database.
 */
@Injectable()
export class AnalyticsConsumerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AnalyticsConsumer');
  private readonly progress = new ProgressReporter(
    () => progressOf(this.consumer.status()),
    ({ line, level, details }) => (details ? this.logger[level]({ msg: line, ...details }) : this.logger[level](line)),
  );

  constructor(
    @Inject(ANALYTICS_CONSUMER) private readonly consumer: EventStreamConsumer<SqlClient>,
    @Inject(ANALYTICS_READ_MODEL) private readonly client: SqlClient,
    @Inject(ANALYTICS_KAFKA) private readonly kafka: Kafka,
    @Inject(ANALYTICS_CONFIG) private readonly config: AnalyticsConsumerConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await prepareDailyAnalytics(this.client);
    // Created as the relay would create it, so that either may start first.
    await ensureEventTopic(this.kafka, {
      topic: this.config.kafka.topic,
      partitions: this.config.kafka.topicPartitions,
      replicationFactor: this.config.kafka.replicationFactor,
    });
    await this.consumer.start();
    this.progress.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.stop();
    await this.progress.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}

function progressOf(status: ConsumerStatus): ProgressLine {
  const line = describe(status);
  if (status.failure) return { line, level: 'error', details: { failure: status.failure } };
  return { line, level: status.retrying ? 'warn' : 'log' };
}

function describe(status: ConsumerStatus): string {
  const retry = status.retrying
    ? `, retrying partition ${status.retrying.partition} from offset ${status.retrying.offset} (${status.retrying.attempts}): ${status.retrying.message}`
    : '';
  const failure = status.failure ? `: ${status.failure.message}` : '';
  return `${status.topic} as ${status.groupId}: ${status.state}, ${status.handled} handled, ${status.duplicatesDropped} duplicates dropped, ${status.errors} errors${retry}${failure}`;
}
