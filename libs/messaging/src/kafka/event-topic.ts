import type { Kafka } from 'kafkajs';

export interface EventTopicSettings {
  readonly topic: string;
  /** Used only when the topic is created; an existing topic keeps its partitions. */
  readonly partitions: number;
  readonly replicationFactor: number;
}

/**
 * Creates the event topic when it is missing (brokers are expected to refuse automatic topic
 * creation) and answers its partition count.
 */
export async function ensureEventTopic(kafka: Kafka, settings: EventTopicSettings): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(settings.topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: settings.topic, numPartitions: settings.partitions, replicationFactor: settings.replicationFactor }],
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: [settings.topic] });
    return metadata.topics[0].partitions.length;
  } finally {
    await admin.disconnect();
  }
}

/** How many records the topic holds: the sum over its partitions of high watermark minus low. */
export async function topicRecordCount(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = await admin.fetchTopicOffsets(topic);
    return offsets.reduce((sum, partition) => sum + Number(partition.high) - Number(partition.low), 0);
  } finally {
    await admin.disconnect();
  }
}
