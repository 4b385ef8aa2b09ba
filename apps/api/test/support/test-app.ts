import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OUR_STREAM_PREFIXES } from '@partnerships/config';
import { createEventStoreDbEventStore, createSqlClient, createSqlEventStore, type SqlEventStore, type SqlClient } from '@partnerships/event-store';
import { startEventStoreDbDouble, testDatabaseUrl } from '@partnerships/event-store/testing';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import type { AppModuleOptions } from '../../src/app.module';
import { loadConfig } from '@partnerships/config';
import type { OpenedStore } from '@partnerships/config';

/** `eventstoredb`: the EventStoreDB adapter against the in-process protocol double, read models in PGlite. */
export type StoreKind = 'pglite' | 'postgres' | 'eventstoredb';

/** The owner key every test app starts with (AUTH_BOOTSTRAP_KEY), sent by `request` unless told otherwise. */
export const TEST_OWNER_KEY = 'test-owner-key-0123456789abcdef';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly store: OpenedStore;
  /**
   * Sends a JSON request through the real HTTP stack (Fastify inject: no socket, same pipeline),
   * as the owner unless `headers.authorization` says otherwise (`''`: no credentials at all).
   */
  request(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | number | undefined>;
  readonly body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON
}

/**
 * A fresh, empty store: an in-memory PGlite, a schema of its own on the real PostgreSQL, or the
 * EventStoreDB adapter on a protocol double of its own (read models in an in-memory PGlite).
 */
export async function openTestStore(kind: StoreKind): Promise<OpenedStore & { dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    return sqlOpened(await createSqlEventStore({}), async () => undefined);
  }
  if (kind === 'eventstoredb') {
    const double = await startEventStoreDbDouble();
    const store = await createEventStoreDbEventStore(double.connectionString, { streamPrefixes: OUR_STREAM_PREFIXES });
    const client = await createSqlClient({});
    const close = async () => {
      await store.close();
      await client.close();
    };
    return {
      store,
      client,
      logClient: null,
      close,
      dispose: async () => {
        await close();
        await double.stop();
      },
    };
  }
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  const opened = await createSqlEventStore({ databaseUrl: testDatabaseUrl, schema });
  return sqlOpened(opened, () => opened.client.query(`drop schema if exists ${schema} cascade`).then(() => undefined));
}

function sqlOpened(
  opened: { readonly store: SqlEventStore; readonly client: SqlClient },
  beforeClose: () => Promise<void>,
): OpenedStore & { dispose(): Promise<void> } {
  const close = () => opened.store.close();
  return {
    ...opened,
    logClient: opened.client,
    close,
    dispose: async () => {
      await beforeClose();
      await close();
    },
  };
}

/** The master key of endpoint secrets in test apps (no key file is written into the working directory). */
export const TEST_WEBHOOKS_SECRET_KEY = Buffer.alloc(32, 0x5a).toString('base64');

/** Bearer credentials for `request`'s headers. */
export function bearer(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

/**
 * `env`: more settings, read as the API reads its environment (e.g. KAFKA_BROKERS). Failed
 * authentications are not limited unless `env` says so: the access tests make hundreds.
 */
export async function startTestApp(
  kind: StoreKind,
  env: Record<string, string> = {},
  options: Pick<AppModuleOptions, 'credentialMaxAgeMs' | 'eventStreamHeartbeatMs' | 'webhooks'> & { readonly store?: OpenedStore & { dispose(): Promise<void> } } = {},
): Promise<TestApp> {
  const store = options.store ?? (await openTestStore(kind));
  const config = loadConfig({ LOG_LEVEL: 'silent', AUTH_BOOTSTRAP_KEY: TEST_OWNER_KEY, AUTH_FAILURES_PER_MINUTE: '1000000', WEBHOOKS_SECRET_KEY: TEST_WEBHOOKS_SECRET_KEY, ...env });
  const app = await createApp({ config, store, credentialMaxAgeMs: options.credentialMaxAgeMs, eventStreamHeartbeatMs: options.eventStreamHeartbeatMs, webhooks: options.webhooks });
  return {
    app,
    store,
    async request(method, url, body, headers = {}) {
      const { authorization = `Bearer ${TEST_OWNER_KEY}`, ...rest } = headers;
      const sent = authorization === '' ? rest : { ...rest, authorization };
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: body === undefined ? sent : { 'content-type': 'application/json', ...sent },
        payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = response.body;
      let parsed: unknown = text;
      try {
        parsed = text === '' ? undefined : JSON.parse(text);
      } catch {
        // not JSON (metrics, HTML docs): keep the text
      }
      return { status: response.statusCode, headers: response.headers, body: parsed };
    },
    async close() {
      await app.close();
      await store.dispose();
    },
  };
}

/**
 * Retries an assertion until it passes or the time is up. Log readers stop at the position below
 * which no transaction can still commit, so on a busy PostgreSQL a write shows up in the global
 * log a few milliseconds after the command answered.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A new key for the teammate, issued by the owner: the secret to send as `bearer(secret)`. */
export async function keyFor(api: TestApp, teammateId: string): Promise<string> {
  const issued = await api.request('POST', '/v1/api-keys', { name: `key of ${teammateId}`, teammateId });
  if (issued.status !== 201) throw new Error(`issuing a key for ${teammateId}: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body.secret;
}

/** A new partner key, issued by the owner. */
export async function partnerKeyFor(api: TestApp, partnerId: string): Promise<string> {
  const issued = await api.request('POST', `/v1/partners/${partnerId}/api-keys`, { name: `portal of ${partnerId}` });
  if (issued.status !== 201) throw new Error(`issuing a key for partner ${partnerId}: ${issued.status} ${JSON.stringify(issued.body)}`);
  return issued.body.secret;
}
