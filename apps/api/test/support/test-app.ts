import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createSqlEventStore } from '@partnerships/event-store';
import { testDatabaseUrl } from '@partnerships/event-store/testing';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../src/app.factory';
import { loadConfig } from '@partnerships/config';
import type { OpenedStore } from '@partnerships/config';

export type StoreKind = 'pglite' | 'postgres';


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

/** A fresh, empty store: an in-memory PGlite, or a schema of its own on the real PostgreSQL. */
export async function openTestStore(kind: StoreKind): Promise<OpenedStore & { dispose(): Promise<void> }> {
  if (kind === 'pglite') {
    const opened = await createSqlEventStore({});
    return { ...opened, dispose: () => opened.store.close() };
  }
  const schema = `e2e_${randomBytes(6).toString('hex')}`;
  const opened = await createSqlEventStore({ databaseUrl: testDatabaseUrl, schema });
  return {
    ...opened,
    dispose: async () => {
      await opened.client.query(`drop schema if exists ${schema} cascade`);
      await opened.store.close();
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
