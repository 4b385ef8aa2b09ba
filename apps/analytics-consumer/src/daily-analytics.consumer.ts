import { migrate, type SqlClient } from '@partnerships/event-store';
import { EventStreamConsumer, SqlProcessedEvents } from '@partnerships/messaging';
import type { Kafka } from 'kafkajs';
import { analyticsMigrations } from './analytics.migration';
import { applyToDailyAnalytics } from './daily-activity.handler';

export interface DailyAnalyticsConsumerOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  /** The read-model database: the analytics tables and the dedup marks, written in one transaction. */
  readonly client: SqlClient;
  readonly onFailure?: (error: Error) => void;
}

/** Creates the analytics tables if missing (the consumer creates `processed_events` itself). */
export async function prepareDailyAnalytics(client: SqlClient): Promise<void> {
  await migrate(client, analyticsMigrations);
}

/** The helper wired to the analytics handler, its marks in the read-model database. */
export function createDailyAnalyticsConsumer(options: DailyAnalyticsConsumerOptions): EventStreamConsumer<SqlClient> {
  return new EventStreamConsumer({
    kafka: options.kafka,
    topic: options.topic,
    groupId: options.groupId,
    store: new SqlProcessedEvents(options.client),
    handle: applyToDailyAnalytics,
    // Partitions in parallel: PostgreSQL runs their transactions side by side.
    partitionsConsumedConcurrently: 4,
    onFailure: options.onFailure,
  });
}
