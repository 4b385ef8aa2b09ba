import { isAbsolute, resolve } from 'node:path';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const PROJECTIONS_MODES = ['in-process', 'off'] as const;
/** `in-process`: the API runs the projections itself; `off`: `apps/projector` runs them. */
export type ProjectionsMode = (typeof PROJECTIONS_MODES)[number];

export interface AppConfig {
  readonly port: number;
  readonly host: string;
  /** Embedded store directory, used when no DATABASE_URL is given. */
  readonly dataDir: string;
  readonly databaseUrl: string | null;
  /** EventStoreDB / KurrentDB as the event store; the read models stay in DATABASE_URL or DATA_DIR. */
  readonly eventStoreConnectionString: string | null;
  /** PostgreSQL schema for the log and the read models (created if missing); null: the server's search_path. */
  readonly databaseSchema: string | null;
  readonly logLevel: LogLevel;
  readonly projections: ProjectionsMode;
  /** Events per read-model transaction while a projection catches up. */
  readonly projectionBatchSize: number;
  /** What a rebuild folds in memory before it writes (MiB): `REBUILD_MEMORY_MB`, default 512. */
  readonly rebuildMemoryMb: number;
  /** Kafka, when KAFKA_BROKERS is set: the relay then publishes the log to `topic`. */
  readonly kafka: KafkaConfig | null;
  /** SEED_DEMO=1: the API writes a demo program at start-up when the log is empty. */
  readonly seedDemo: boolean;
  readonly auth: AuthConfig;
  /** Origins allowed to call the API from a browser (CORS); empty: CORS off. */
  readonly corsOrigins: readonly string[];
  readonly webhooks: WebhooksConfig;
}

export interface WebhooksConfig {
  /** WEBHOOKS_ALLOW_HTTP=1: `http://` endpoints too (tests, local use); otherwise `https://` only. */
  readonly allowHttp: boolean;
  /** WEBHOOKS_ALLOWED_HOSTS: hosts exempt from the private-address refusal (comma-separated). */
  readonly allowedHosts: readonly string[];
  /** WEBHOOKS_SECRET_KEY: the 32-byte base64 key that encrypts endpoint secrets; null: a key file in DATA_DIR. */
  readonly secretKey: string | null;
}

export interface AuthConfig {
  /** AUTH_BOOTSTRAP_KEY: on a store without keys, this secret becomes the owner's key. */
  readonly bootstrapKey: string | null;
  /** Failed authentications one address may make per minute before it gets 429. */
  readonly failuresPerMinute: number;
  /** Single sign-on: bearer JWTs from the company's identity provider, when configured. */
  readonly sso: SsoConfig | null;
}

export interface SsoConfig {
  readonly jwksUrl: string;
  readonly issuer: string;
  readonly audience: string;
  /** The claim that names the teammate: `email` matches a teammate's email, any other claim its id. */
  readonly claim: string;
}

export interface KafkaConfig {
  readonly brokers: readonly string[];
  readonly topic: string;
  readonly clientId: string;
  /** Used when the relay creates the topic. */
  readonly topicPartitions: number;
  readonly replicationFactor: number;
  /** Events the relay reads from the log per page. */
  readonly relayBatchSize: number;
  /** `apps/relay` serves Prometheus metrics on this port when set. */
  readonly relayMetricsPort: number | null;
}

/** A bad setting: its message is the one line start-up prints before exiting. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function present(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined) return 3000;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 1 and 65535 (got "${raw}")`);
  }
  return port;
}

function parseDatabaseUrl(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('DATABASE_URL must be a URL such as postgres://user@host:5432/db');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.protocol}//")`);
  }
  return raw;
}

function parseLogLevel(raw: string | undefined): LogLevel {
  if (raw === undefined) return 'info';
  const level = raw.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got "${raw}")`);
  }
  return level as LogLevel;
}

function parseDatabaseSchema(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(raw)) {
    throw new ConfigError(`DATABASE_SCHEMA must be a lower-case SQL identifier such as partnerships (got "${raw}")`);
  }
  return raw;
}

function parseProjectionsMode(raw: string | undefined): ProjectionsMode {
  if (raw === undefined) return 'in-process';
  if (!(PROJECTIONS_MODES as readonly string[]).includes(raw)) {
    throw new ConfigError(`PROJECTIONS must be one of ${PROJECTIONS_MODES.join(', ')} (got "${raw}")`);
  }
  return raw as ProjectionsMode;
}

function parseInteger(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return value;
}

function parseBrokers(raw: string): string[] {
  const brokers = raw.split(',').map((broker) => broker.trim());
  for (const broker of brokers) {
    const match = /^([A-Za-z0-9._-]+|\[[0-9A-Fa-f:]+\]):(\d{1,5})$/.exec(broker);
    if (!match || Number(match[2]) < 1 || Number(match[2]) > 65535) {
      throw new ConfigError(`KAFKA_BROKERS must be a comma-separated list of host:port, such as 127.0.0.1:9092 (got "${broker}")`);
    }
  }
  return brokers;
}

function parseTopic(raw: string | undefined): string {
  if (raw === undefined) return 'partnerships.events';
  if (!/^[A-Za-z0-9._-]{1,249}$/.test(raw) || raw === '.' || raw === '..') {
    throw new ConfigError(`KAFKA_TOPIC must be 1 to 249 letters, digits, dots, underscores or hyphens (got "${raw}")`);
  }
  return raw;
}

function parseKafka(env: Env): KafkaConfig | null {
  const brokers = present(env, 'KAFKA_BROKERS');
  if (brokers === undefined) return null;
  const clientId = present(env, 'KAFKA_CLIENT_ID') ?? 'partnerships';
  if (!/^[A-Za-z0-9._-]{1,255}$/.test(clientId)) {
    throw new ConfigError(`KAFKA_CLIENT_ID must be letters, digits, dots, underscores or hyphens (got "${clientId}")`);
  }
  return {
    brokers: parseBrokers(brokers),
    topic: parseTopic(present(env, 'KAFKA_TOPIC')),
    clientId,
    topicPartitions: parseInteger('KAFKA_TOPIC_PARTITIONS', present(env, 'KAFKA_TOPIC_PARTITIONS'), 6, 1, 10_000),
    replicationFactor: parseInteger('KAFKA_REPLICATION_FACTOR', present(env, 'KAFKA_REPLICATION_FACTOR'), 1, 1, 100),
    relayBatchSize: parseInteger('RELAY_BATCH_SIZE', present(env, 'RELAY_BATCH_SIZE'), 2_000, 1, 100_000),
    relayMetricsPort: present(env, 'RELAY_METRICS_PORT') === undefined ? null : parseInteger('RELAY_METRICS_PORT', present(env, 'RELAY_METRICS_PORT'), 0, 1, 65_535),
  };
}

function parseEventStoreConnectionString(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^esdb(\+discover)?:\/\/[^/?#\s]+\/?(\?\S*)?$/.test(raw)) {
    throw new ConfigError(
      'EVENTSTORE_CONNECTION_STRING must be an esdb:// or esdb+discover:// connection string, such as esdb://localhost:2113?tls=false',
    );
  }
  return raw;
}

function parseSeedDemo(raw: string | undefined): boolean {
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value === '1' || value === 'true') return true;
  if (value === '0' || value === 'false') return false;
  throw new ConfigError(`SEED_DEMO must be 1 (seed a demo program into an empty store) or 0 (got "${raw}")`);
}

function parseBootstrapKey(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^[\x21-\x7e]{24,512}$/.test(raw)) {
    throw new ConfigError('AUTH_BOOTSTRAP_KEY must be 24 to 512 printable characters without spaces (generate one with: openssl rand -base64 32)');
  }
  return raw;
}

function parseHttpUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be an http:// or https:// URL (got "${raw}")`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ConfigError(`${name} must be an http:// or https:// URL (got "${raw}")`);
  }
  return raw;
}

function parseSso(env: Env): SsoConfig | null {
  const names = ['AUTH_JWKS_URL', 'AUTH_ISSUER', 'AUTH_AUDIENCE'] as const;
  const [jwksUrl, issuer, audience] = names.map((name) => present(env, name));
  if (jwksUrl === undefined && issuer === undefined && audience === undefined) return null;
  const missing = names.filter((_, index) => [jwksUrl, issuer, audience][index] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(`${missing[0]} must be set too: single sign-on needs AUTH_JWKS_URL, AUTH_ISSUER and AUTH_AUDIENCE together`);
  }
  const claim = present(env, 'AUTH_JWT_CLAIM') ?? 'email';
  if (!/^[A-Za-z_][A-Za-z0-9_.:-]{0,99}$/.test(claim)) {
    throw new ConfigError(`AUTH_JWT_CLAIM must be a claim name such as email or sub (got "${claim}")`);
  }
  return { jwksUrl: parseHttpUrl('AUTH_JWKS_URL', jwksUrl as string), issuer: issuer as string, audience: audience as string, claim };
}

function parseCorsOrigins(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      url = null;
    }
    if (url === null || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new ConfigError(`CORS_ORIGINS must be a comma-separated list of origins such as https://console.example.com (got "${origin}")`);
    }
    return origin;
  });
}

/** Reads and checks every setting; throws ConfigError naming the first bad variable. */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): AppConfig {
  const dataDir = present(env, 'DATA_DIR') ?? './data';
  return {
    port: parsePort(present(env, 'PORT')),
    host: present(env, 'HOST') ?? '127.0.0.1',
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(cwd, dataDir),
    databaseUrl: parseDatabaseUrl(present(env, 'DATABASE_URL')),
    eventStoreConnectionString: parseEventStoreConnectionString(present(env, 'EVENTSTORE_CONNECTION_STRING')),
    databaseSchema: parseDatabaseSchema(present(env, 'DATABASE_SCHEMA')),
    logLevel: parseLogLevel(present(env, 'LOG_LEVEL')),
    projections: parseProjectionsMode(present(env, 'PROJECTIONS')),
    projectionBatchSize: parseInteger('PROJECTION_BATCH_SIZE', present(env, 'PROJECTION_BATCH_SIZE'), 1_000, 1, 100_000),
    rebuildMemoryMb: parseInteger('REBUILD_MEMORY_MB', present(env, 'REBUILD_MEMORY_MB'), 512, 16, 1_048_576),
    kafka: parseKafka(env),
    seedDemo: parseSeedDemo(present(env, 'SEED_DEMO')),
    auth: {
      bootstrapKey: parseBootstrapKey(present(env, 'AUTH_BOOTSTRAP_KEY')),
      failuresPerMinute: parseInteger('AUTH_FAILURES_PER_MINUTE', present(env, 'AUTH_FAILURES_PER_MINUTE'), 30, 1, 1_000_000),
      sso: parseSso(env),
    },
    corsOrigins: parseCorsOrigins(present(env, 'CORS_ORIGINS')),
    webhooks: {
      allowHttp: parseFlag('WEBHOOKS_ALLOW_HTTP', present(env, 'WEBHOOKS_ALLOW_HTTP')),
      allowedHosts: parseHostList('WEBHOOKS_ALLOWED_HOSTS', present(env, 'WEBHOOKS_ALLOWED_HOSTS')),
      secretKey: parseSecretKey(present(env, 'WEBHOOKS_SECRET_KEY')),
    },
  };
}

function parseFlag(name: string, raw: string | undefined): boolean {
  if (raw === undefined || raw === '0' || raw === 'false') return false;
  if (raw === '1' || raw === 'true') return true;
  throw new ConfigError(`${name} must be 1 or 0 (got "${raw}")`);
}

function parseHostList(name: string, raw: string | undefined): string[] {
  if (raw === undefined) return [];
  const hosts = raw.split(',').map((entry) => entry.trim().toLowerCase()).filter((entry) => entry !== '');
  const bad = hosts.find((host) => !/^[a-z0-9.:[\]-]+$/.test(host));
  if (bad !== undefined) throw new ConfigError(`${name} must be a comma-separated list of host names or addresses (got "${bad}")`);
  return hosts;
}

function parseSecretKey(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const bytes = Buffer.from(raw, 'base64');
  if (bytes.length !== 32 || bytes.toString('base64') !== raw) {
    throw new ConfigError('WEBHOOKS_SECRET_KEY must be 32 bytes in base64 (e.g. `openssl rand -base64 32`)');
  }
  return raw;
}
