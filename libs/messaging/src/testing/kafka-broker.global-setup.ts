import { answers, runKafkaScript, testKafkaBrokers } from './kafka-broker';

/**
 * Jest global setup of the integration and e2e projects: starts the local Kafka broker
 * (deploy/kafka/kafka.sh) unless one already answers, so `npm test` needs nothing else running.
 * Java and Maven must be installed; the script says which one is missing.
 */
export default async function startKafkaBroker(): Promise<void> {
  const [broker] = testKafkaBrokers();
  if (await answers(broker)) return;
  if (process.env.KAFKA_TEST_BROKERS) {
    throw new Error(`KAFKA_TEST_BROKERS names ${broker}, which does not answer`);
  }
  process.stderr.write('\nStarting the local Kafka broker for the tests (deploy/kafka/kafka.sh start)…\n');
  runKafkaScript('start');
  (globalThis as { startedKafkaBroker?: boolean }).startedKafkaBroker = true;
}
