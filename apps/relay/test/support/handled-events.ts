import { randomUUID } from 'node:crypto';
import type { SqlClient } from '@partnerships/event-store';
import { EventStreamConsumer, SqlProcessedEvents } from '@partnerships/messaging';
import type { Kafka } from 'kafkajs';

export interface HandledEvent {
  readonly eventId: string;
  readonly subject: string;
  readonly streamVersion: number;
}

/**
 * Runs the consumer helper over the whole topic, its handler writing each event it is given into
 * `relay_test_handled` in the handler's transaction, until `count` events are handled; answers them
 * in the order they were handled, and how many copies the helper dropped.
 */
export async function consumeWithHelper(
  kafka: Kafka,
  client: SqlClient,
  topic: string,
  count: number,
  timeoutMs = 60_000,
): Promise<{ handled: HandledEvent[]; duplicatesDropped: number }> {
  await client.query('DROP TABLE IF EXISTS relay_test_handled');
  await client.query('CREATE TABLE relay_test_handled (seq bigserial PRIMARY KEY, event_id text NOT NULL, subject text NOT NULL, stream_version int NOT NULL)');
  const consumer = new EventStreamConsumer({
    kafka,
    topic,
    groupId: `relay-test-${randomUUID()}`,
    store: new SqlProcessedEvents(client),
    handle: async (event, tx) => {
      await tx.query('INSERT INTO relay_test_handled (event_id, subject, stream_version) VALUES ($1, $2, $3)', [event.id, event.subject, event.streamVersion]);
    },
  });
  await consumer.start();
  const deadline = Date.now() + timeoutMs;
  try {
    while (consumer.status().handled < count && Date.now() < deadline) {
      if (consumer.status().state === 'failed') throw new Error(`the consumer failed: ${consumer.status().failure?.message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await consumer.stop();
  }
  const { rows } = await client.query<{ event_id: string; subject: string; stream_version: number }>(
    'SELECT event_id, subject, stream_version FROM relay_test_handled ORDER BY seq',
  );
  return {
    handled: rows.map((row) => ({ eventId: row.event_id, subject: row.subject, streamVersion: Number(row.stream_version) })),
    duplicatesDropped: consumer.status().duplicatesDropped,
  };
}

/** Each subject's events were handled as versions 1, 2, 3, … with none missing or repeated. */
export function expectEachPartnerInStreamOrder(handled: readonly HandledEvent[]): void {
  const last = new Map<string, number>();
  for (const event of handled) {
    expect({ subject: event.subject, version: event.streamVersion }).toEqual({ subject: event.subject, version: (last.get(event.subject) ?? 0) + 1 });
    last.set(event.subject, event.streamVersion);
  }
}
