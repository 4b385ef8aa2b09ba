import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { OUR_STREAM_PREFIXES } from '@partnerships/config';
import { createEventStoreDbEventStore, createSqlClient, createSqlEventStore, type SqlEventStore, type SqlClient } from '@partnerships/event-store';
import { startEventStoreDbDouble, testDatabaseUrl } from '@partnerships/event-store/testing';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '@partnerships/config';
import type { OpenedStore } from '@partnerships/config';

/** `eventstoredb`: the EventStoreDB adapter against the in-process protocol double, read models in PGlite. */
export type StoreKind = 'pglite' | 'postgres' | 'eventstoredb';

export interface TestApp {
  readonly app: NestFastifyApplication;
  readonly store: OpenedStore;
  /** Sends a JSON request through the real HTTP stack (Fastify inject: no socket, same pipeline). */
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

/** `env`: more settings, read as the API reads its environment (e.g. KAFKA_BROKERS). */
export async function startTestApp(kind: StoreKind, env: Record<string, string> = {}): Promise<TestApp> {
  const store = await openTestStore(kind);
  const app = await createApp({ config: loadConfig({ LOG_LEVEL: 'silent', ...env }), store });
  return {
    app,
    store,
    async request(method, url, body, headers = {}) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
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
