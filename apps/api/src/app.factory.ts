import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { defaultConsoleDir, useConsoleAssets } from './http/console-assets';
import { useJsonBodyParser } from './http/json-body.parser';
import { requestIdOf, useRequestLog } from './http/request-log';
import { useSecurityPlugins } from './http/security-plugins';

/** Requests larger than this are refused with 413 before any parsing. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the HTTP application (used by `main`, the e2e tests and the benchmarks). */
export async function createApp(options: AppModuleOptions & { readonly consoleDir?: string | null }): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES, genReqId: requestIdOf }),
    // Our own JSON parser (json-body.parser.ts) replaces Nest's; other content types get 415.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  useRequestLog(app);
  useJsonBodyParser(app, BODY_LIMIT_BYTES);
  await useSecurityPlugins(app, options.config.corsOrigins);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Partnership lifecycle engine')
      .setDescription(
        'Commands append immutable events to a partner\'s stream; errors are application/problem+json with a stable code. ' +
          'Every /v1 route needs `Authorization: Bearer <API key>` (or a single sign-on JWT); each operation names its ' +
          'required role in `x-required-role`, and the recorded actor of every event is the authenticated caller. ' +
          'Send `Idempotency-Key` to make a POST/PUT safe to retry and `If-Match: "<version>"` for optimistic concurrency.',
      )
      .setVersion('1')
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key (plk_…) or, with single sign-on, a JWT' })
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  // The web console at `/`, once `npm run build` has built it (apps/console).
  const consoleDir = options.consoleDir === undefined ? defaultConsoleDir() : options.consoleDir;
  if (consoleDir !== null) await useConsoleAssets(app, consoleDir);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
