import { runKafkaScript } from './kafka-broker';

/** Stops the broker only if the global setup started it. */
export default async function stopKafkaBroker(): Promise<void> {
  const state = globalThis as { startedKafkaBroker?: boolean };
  if (!state.startedKafkaBroker) return;
  state.startedKafkaBroker = false;
  runKafkaScript('stop');
}
