import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';

export interface KafkaClientSettings {
  /** `host:port` of one or more brokers. */
  readonly brokers: readonly string[];
  readonly clientId: string;
}

// The relay retries a failed send itself (same messages, same producer: the broker drops what
// it already has), so kafkajs' warning about limited retries on an idempotent producer does not apply.
const QUIET = /Limiting retries for the idempotent producer/;

function logCreator(): (entry: LogEntry) => void {
  const logger = new Logger('Kafka');
  return ({ level, log }) => {
    const { message, ...extra } = log;
    if (QUIET.test(message)) return;
    const line = `${message} ${JSON.stringify(extra)}`;
    if (level === logLevel.ERROR) logger.error(line);
    else if (level === logLevel.WARN) logger.warn(line);
    else logger.debug(line);
  };
}

/**
 * A kafkajs client whose own retries are short (each try within a couple of seconds): the relay
 * and the consumer helper back off on top of them and report while they do.
 */
export function createKafkaClient(settings: KafkaClientSettings): Kafka {
  return new Kafka({
    clientId: settings.clientId,
    brokers: [...settings.brokers],
    logLevel: logLevel.WARN,
    logCreator,
    connectionTimeout: 3_000,
    retry: { initialRetryTime: 100, maxRetryTime: 2_000, retries: 5 },
  });
}
