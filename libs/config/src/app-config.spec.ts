import { ConfigError, loadConfig } from './app-config';

describe('loading the configuration', () => {
  it('defaults to the embedded store under ./data on port 3000', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config).toEqual({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      databaseUrl: null,
      eventStoreConnectionString: null,
      databaseSchema: null,
      logLevel: 'info',
      projections: 'in-process',
      projectionBatchSize: 1_000,
      kafka: null,
      seedDemo: false,
    });
  });

  it('seeds a demo program with SEED_DEMO=1 (or true), and not with 0 (or false)', () => {
    expect([loadConfig({ SEED_DEMO: '1' }), loadConfig({ SEED_DEMO: 'TRUE' })].map((config) => config.seedDemo)).toEqual([true, true]);
    expect([loadConfig({ SEED_DEMO: '0' }), loadConfig({ SEED_DEMO: 'false' })].map((config) => config.seedDemo)).toEqual([false, false]);
  });

  it('takes EventStoreDB as the event store from an esdb:// or esdb+discover:// connection string', () => {
    for (const value of ['esdb://localhost:2113?tls=false', 'esdb+discover://admin:changeit@node1:2113,node2:2113,node3:2113?tlsVerifyCert=false']) {
      expect(loadConfig({ EVENTSTORE_CONNECTION_STRING: value }).eventStoreConnectionString).toBe(value);
    }
  });

  it('turns the relay on with KAFKA_BROKERS, with a default topic and batch', () => {
    expect(loadConfig({ KAFKA_BROKERS: '127.0.0.1:9092, kafka-2.internal:19092' }).kafka).toEqual({
      brokers: ['127.0.0.1:9092', 'kafka-2.internal:19092'],
      topic: 'partnerships.events',
      clientId: 'partnerships',
      topicPartitions: 6,
      replicationFactor: 1,
      relayBatchSize: 2_000,
      relayMetricsPort: null,
    });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://root@127.0.0.1:5432/test' }).databaseUrl).toBe(
      'postgres://root@127.0.0.1:5432/test',
    );
  });

  it.each([
    [{ PORT: 'abc' }, /^PORT must be an integer/],
    [{ PORT: '70000' }, /^PORT must be an integer/],
    [{ DATABASE_URL: 'mysql://x@y/z' }, /^DATABASE_URL must start with postgres/],
    [{ DATABASE_URL: 'not a url' }, /^DATABASE_URL must be a URL/],
    [{ LOG_LEVEL: 'loud' }, /^LOG_LEVEL must be one of/],
    [{ DATABASE_SCHEMA: 'Bad-Name' }, /^DATABASE_SCHEMA must be a lower-case SQL identifier/],
    [{ PROJECTIONS: 'elsewhere' }, /^PROJECTIONS must be one of in-process, off/],
    [{ PROJECTION_BATCH_SIZE: '0' }, /^PROJECTION_BATCH_SIZE must be an integer/],
    [{ PROJECTION_BATCH_SIZE: '1e3' }, /^PROJECTION_BATCH_SIZE must be an integer/],
    [{ KAFKA_BROKERS: 'localhost' }, /^KAFKA_BROKERS must be a comma-separated list of host:port/],
    [{ KAFKA_BROKERS: 'a:9092,,b:9092' }, /^KAFKA_BROKERS must be a comma-separated list of host:port/],
    [{ KAFKA_BROKERS: 'a:9092', KAFKA_TOPIC: 'events/all' }, /^KAFKA_TOPIC must be 1 to 249/],
    [{ KAFKA_BROKERS: 'a:9092', KAFKA_TOPIC_PARTITIONS: '0' }, /^KAFKA_TOPIC_PARTITIONS must be an integer/],
    [{ KAFKA_BROKERS: 'a:9092', RELAY_BATCH_SIZE: 'many' }, /^RELAY_BATCH_SIZE must be an integer/],
    [{ EVENTSTORE_CONNECTION_STRING: 'postgres://localhost:2113' }, /^EVENTSTORE_CONNECTION_STRING must be an esdb:\/\//],
    [{ EVENTSTORE_CONNECTION_STRING: 'esdb://' }, /^EVENTSTORE_CONNECTION_STRING must be an esdb:\/\//],
    [{ SEED_DEMO: 'yes' }, /^SEED_DEMO must be 1 /],
  ])('refuses %j with one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
