import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet, { type HelmetOptions } from 'helmet';
import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';

/**
 * The headers helmet's middleware sets, captured once: none depends on the request (no CSP nonce),
 * so every answer gets the same set from a map instead of a dozen middleware calls (bench:http:
 * @fastify/helmet, which builds the middleware anew on every request, took a twentieth of a
 * write's time, and the middleware itself a sixteenth of a read's).
 */
function helmetHeaders(options: HelmetOptions): Readonly<Record<string, string>> {
  const request = new IncomingMessage(new Socket());
  const response = new ServerResponse(request);
  helmet(options)(request, response, () => undefined);
  return Object.fromEntries(Object.entries(response.getHeaders()).map(([name, value]) => [name, String(value)]));
}

/**
 * The HTTP hardening every answer gets: security headers (helmet's, see above), CORS only for the
 * configured origins (@fastify/cors), and the failure counter behind 429 (@fastify/rate-limit,
 * used by the bearer authenticator for failed authentications only, never for good requests).
 */
export async function useSecurityPlugins(app: NestFastifyApplication, corsOrigins: readonly string[]): Promise<void> {
  const securityHeaders = helmetHeaders({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // The OpenAPI UI styles its own elements inline; no script runs inline.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    // The API is called from other origins only through CORS; this policy is for its pages.
    crossOriginResourcePolicy: { policy: 'same-origin' },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      void reply.headers(securityHeaders);
      done();
    });
  if (corsOrigins.length > 0) {
    await app.register(cors, {
      origin: [...corsOrigins],
      methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'If-Match', 'X-Correlation-Id', 'X-Causation-Id', 'Last-Event-ID'],
      exposedHeaders: ['Retry-After', 'WWW-Authenticate', 'Idempotent-Replayed'],
      maxAge: 600,
    });
  }
  await app.register(rateLimit, { global: false });
}
