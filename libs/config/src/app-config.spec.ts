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
      rebuildMemoryMb: 512,
      kafka: null,
      seedDemo: false,
      auth: { bootstrapKey: null, failuresPerMinute: 30, sso: null },
      corsOrigins: [],
      webhooks: { allowHttp: false, allowedHosts: [], secretKey: null },
    });
  });

  it('reads the webhook settings, and names the variable of a bad one', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ WEBHOOKS_ALLOW_HTTP: '1', WEBHOOKS_ALLOWED_HOSTS: 'hooks.internal, 10.0.0.5', WEBHOOKS_SECRET_KEY: key }).webhooks).toEqual({
      allowHttp: true,
      allowedHosts: ['hooks.internal', '10.0.0.5'],
      secretKey: key,
    });
    expect(() => loadConfig({ WEBHOOKS_ALLOW_HTTP: 'yes' })).toThrow('WEBHOOKS_ALLOW_HTTP must be 1 or 0');
    expect(() => loadConfig({ WEBHOOKS_ALLOWED_HOSTS: 'http://x/' })).toThrow('WEBHOOKS_ALLOWED_HOSTS');
    expect(() => loadConfig({ WEBHOOKS_SECRET_KEY: 'short' })).toThrow('WEBHOOKS_SECRET_KEY must be 32 bytes in base64');
  });

  it('takes an operator-chosen owner key, and refuses one too short to be a secret', () => {
    expect(loadConfig({ AUTH_BOOTSTRAP_KEY: 'a-long-enough-owner-secret-0001' }).auth.bootstrapKey).toBe('a-long-enough-owner-secret-0001');
    expect(() => loadConfig({ AUTH_BOOTSTRAP_KEY: 'hunter2' })).toThrow('AUTH_BOOTSTRAP_KEY must be 24 to 512 printable characters');
  });

  it('turns single sign-on on with the three AUTH_ settings together, matching teammates by email unless told', () => {
    const env = { AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'partnerships' };
    expect(loadConfig(env).auth.sso).toEqual({ jwksUrl: 'https://idp.example/jwks', issuer: 'https://idp.example', audience: 'partnerships', claim: 'email' });
    expect(loadConfig({ ...env, AUTH_JWT_CLAIM: 'sub' }).auth.sso?.claim).toBe('sub');
    expect(() => loadConfig({ AUTH_JWKS_URL: env.AUTH_JWKS_URL, AUTH_ISSUER: env.AUTH_ISSUER })).toThrow('AUTH_AUDIENCE must be set too');
    expect(() => loadConfig({ ...env, AUTH_JWKS_URL: 'ftp://idp.example/jwks' })).toThrow('AUTH_JWKS_URL must be an http:// or https:// URL');
  });

  it('allows CORS only for the listed origins', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://console.example.com, http://127.0.0.1:5173' }).corsOrigins).toEqual([
      'https://console.example.com',
      'http://127.0.0.1:5173',
    ]);
    expect(() => loadConfig({ CORS_ORIGINS: 'https://console.example.com/app' })).toThrow('CORS_ORIGINS must be a comma-separated list of origins');
    expect(() => loadConfig({ CORS_ORIGINS: '*' })).toThrow('CORS_ORIGINS');
  });

  it('limits failed authentications per address, 30 a minute by default', () => {
    expect(loadConfig({ AUTH_FAILURES_PER_MINUTE: '5' }).auth.failuresPerMinute).toBe(5);
    expect(() => loadConfig({ AUTH_FAILURES_PER_MINUTE: '0' })).toThrow('AUTH_FAILURES_PER_MINUTE must be an integer between 1 and 1000000');
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
    [{ REBUILD_MEMORY_MB: '8' }, /^REBUILD_MEMORY_MB must be an integer/],
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
