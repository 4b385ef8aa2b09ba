import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import helmet from 'helmet';

/**
 * The HTTP hardening every answer gets: security headers (helmet, its middleware built once at
 * start-up: @fastify/helmet builds it anew on every request, a twentieth of a write's time), CORS only for the
 * configured origins (@fastify/cors), and the failure counter behind 429 (@fastify/rate-limit,
 * used by the bearer authenticator for failed authentications only, never for good requests).
 */
export async function useSecurityPlugins(app: NestFastifyApplication, corsOrigins: readonly string[]): Promise<void> {
  const securityHeaders = helmet({
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
    .addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (error?: unknown) => done(error instanceof Error ? error : undefined)));
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
