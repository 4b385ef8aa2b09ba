import { ConfigError, loadConfig, type KafkaConfig, type LogLevel } from '@partnerships/config';

export interface AnalyticsConsumerConfig {
  readonly databaseUrl: string;
  readonly databaseSchema: string | null;
  readonly logLevel: LogLevel;
  readonly kafka: KafkaConfig;
  /** KAFKA_GROUP_ID; also the key of the dedup marks. */
  readonly groupId: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** The shared settings (checked by `loadConfig`), of which this app needs the database and Kafka. */
export function loadAnalyticsConsumerConfig(env: Env = process.env): AnalyticsConsumerConfig {
  const config = loadConfig(env);
  if (config.databaseUrl === null) {
    throw new ConfigError('DATABASE_URL is required: the PostgreSQL database of the analytics read model, such as postgres://user@host:5432/db');
  }
  if (config.kafka === null) {
    throw new ConfigError('KAFKA_BROKERS is required: a comma-separated list of host:port, such as 127.0.0.1:9092');
  }
  const groupId = env.KAFKA_GROUP_ID?.trim() || 'partnerships-analytics';
  if (!/^[A-Za-z0-9._-]{1,255}$/.test(groupId)) {
    throw new ConfigError(`KAFKA_GROUP_ID must be letters, digits, dots, underscores or hyphens (got "${groupId}")`);
  }
  return {
    databaseUrl: config.databaseUrl,
    databaseSchema: config.databaseSchema,
    logLevel: config.logLevel,
    kafka: config.kafka,
    groupId,
  };
}

/** For `main`: the configuration, or one line naming the bad variable and exit code 1. */
export function analyticsConsumerConfigOrExit(): AnalyticsConsumerConfig {
  try {
    return loadAnalyticsConsumerConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`analytics-consumer: configuration error: ${error.message}\n`);
    process.exit(1);
  }
}
