import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { SqlClient } from '@partnerships/event-store';
import { ensureEventTopic, type ConsumerStatus, type EventStreamConsumer } from '@partnerships/messaging';
import type { Kafka } from 'kafkajs';
import type { AnalyticsConsumerConfig } from './analytics-consumer.config';
import { prepareDailyAnalytics } from './daily-analytics.consumer';

export const ANALYTICS_CONSUMER = Symbol('ANALYTICS_CONSUMER');
export const ANALYTICS_READ_MODEL = Symbol('ANALYTICS_READ_MODEL');
export const ANALYTICS_KAFKA = Symbol('ANALYTICS_KAFKA');
export const ANALYTICS_CONFIG = Symbol('ANALYTICS_CONFIG');

/** How often progress is logged while it changes. */
const PROGRESS_EVERY_MS = 5_000;

/**
 * Prepares the tables and the topic, starts consuming, logs progress; on SIGTERM lets the batch in
 * flight commit, leaves the group, then closes the database.
 */
@Injectable()
export class AnalyticsConsumerLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('AnalyticsConsumer');
  private timer: NodeJS.Timeout | null = null;
  private lastReported = '';

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
    this.timer = setInterval(() => this.reportProgress(), PROGRESS_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.consumer.stop();
    this.reportProgress();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  private reportProgress(): void {
    const status = this.consumer.status();
    const line = describe(status);
    if (line === this.lastReported) return;
    this.lastReported = line;
    if (status.failure) this.logger.error({ msg: line, failure: status.failure });
    else if (status.retrying) this.logger.warn(line);
    else this.logger.log(line);
  }
}

function describe(status: ConsumerStatus): string {
  const retry = status.retrying
    ? `, retrying partition ${status.retrying.partition} from offset ${status.retrying.offset} (${status.retrying.attempts}): ${status.retrying.message}`
    : '';
  const failure = status.failure ? `: ${status.failure.message}` : '';
  return `${status.topic} as ${status.groupId}: ${status.state}, ${status.handled} handled, ${status.duplicatesDropped} duplicates dropped, ${status.errors} errors${retry}${failure}`;
}
