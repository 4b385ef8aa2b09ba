import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Paths the API answers itself: never the console's page, an unknown one is a 404 problem. */
const API_PATHS = /^\/(v1|docs|health|metrics)(\/|$|\?)/;

/** A year: asset names carry a hash of their content, so a changed file has a new name. */
const ASSET_CACHE = 'public, max-age=31536000, immutable';

/**
 * Where `npm run build` puts the console: dist/console, found from the compiled server
 * (dist/apps/api/src/http) or from the sources (apps/api/src/http, in tests).
 */
export function defaultConsoleDir(): string | null {
  const candidates = [resolve(__dirname, '../../../../console'), resolve(__dirname, '../../../../dist/console')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? null;
}

/**
 * Serves the web console (apps/console, built to static files) at `/`: hashed assets cached for a
 * year, index.html revalidated on every load, and any other path outside the API answered with
 * index.html so that the console's own router shows it (a shared link to /partners?status=…).
 * The files hold no data: everything the console shows comes from /v1 with the user's key.
 */
export async function useConsoleAssets(app: NestFastifyApplication, consoleDir: string): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  await fastify.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    wildcard: false,
    cacheControl: false,
    setHeaders: (reply, path) => {
      void reply.header('cache-control', path.endsWith('index.html') ? 'no-cache' : ASSET_CACHE);
    },
  });
  fastify.get('/*', (request, reply) => {
    if (API_PATHS.test(request.url) || request.url.startsWith('/assets/')) {
      return reply.callNotFound();
    }
    return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
  });
}
