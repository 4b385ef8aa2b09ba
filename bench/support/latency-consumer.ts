/**
 * The consuming side of the latency benchmark, in a process of its own as a backend service
 * would be: the consumer helper (dedup marks in PostgreSQL) reads the topic in a group and, for
 * each event, notes the time from its commit in the store (`ce_recordedtime`) to its handling.
 * Started by relay.bench.ts with fork; answers its latencies over IPC when told to stop.
 */
import { createSqlClient } from '@partnerships/event-store';
import { createKafkaClient, EventStreamConsumer, SqlProcessedEvents } from '@partnerships/messaging';

interface LatencyRequest {
  readonly databaseUrl: string;
  readonly schema: string;
  readonly brokers: string[];
  readonly topic: string;
}

async function main(): Promise<void> {
  const request = JSON.parse(process.env.BENCH_LATENCY_REQUEST ?? '{}') as LatencyRequest;
  const client = await createSqlClient({ databaseUrl: request.databaseUrl, schema: request.schema });
  const latencies: Array<[number, number]> = [];
  const consumer = new EventStreamConsumer({
    kafka: createKafkaClient({ brokers: request.brokers, clientId: 'bench-latency' }),
    topic: request.topic,
    groupId: `bench-latency-${process.pid}`,
    store: new SqlProcessedEvents(client),
    maxWaitTimeMs: 10,
    handle: async (event) => {
      const committed = Date.parse(event.recordedTime);
      latencies.push([committed, Date.now() - committed]);
    },
  });
  await consumer.start();
  process.send?.({ ready: true });
  process.on('message', (message: { stop?: boolean }) => {
    if (!message.stop) return;
    void consumer
      .stop()
      .then(() => client.close())
      .then(() => process.send?.({ latencies, status: consumer.status() }, () => process.exit(0)));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
