import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/**
 * The HTTP hardening every answer gets: security headers (@fastify/helmet), CORS only for the
 * configured origins (@fastify/cors), and the failure counter behind 429 (@fastify/rate-limit,
 * used by the bearer authenticator for failed authentications only, never for good requests).
 */
export async function useSecurityPlugins(app: NestFastifyApplication, corsOrigins: readonly string[]): Promise<void> {
  await app.register(helmet, {
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
