import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppModuleOptions } from './app.module';
import { useJsonBodyParser } from './http/json-body.parser';

/** Requests larger than this are refused with 413 before any parsing. */
const BODY_LIMIT_BYTES = 1024 * 1024;

/** Builds the HTTP application (used by `main`, the e2e tests and the benchmarks). */
export async function createApp(options: AppModuleOptions): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(options),
    new FastifyAdapter({ bodyLimit: BODY_LIMIT_BYTES }),
    // Our own JSON parser (json-body.parser.ts) replaces Nest's; other content types get 415.
    { bufferLogs: true, abortOnError: false, bodyParser: false },
  );
  app.useLogger(app.get(Logger));
  useJsonBodyParser(app, BODY_LIMIT_BYTES);
  app.enableShutdownHooks();

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Partnership lifecycle engine')
      .setDescription(
        'Commands append immutable events to a partner\'s stream; errors are application/problem+json with a stable code. ' +
          'Send `Idempotency-Key` to make a POST/PUT safe to retry, `If-Match: "<version>"` for optimistic concurrency, ' +
          'and `X-Actor` to name who acts.',
      )
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return app;
}
