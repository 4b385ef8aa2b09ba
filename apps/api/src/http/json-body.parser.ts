import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import secureJson from 'secure-json-parse';
import { HttpProblemError } from '../problems/http-problem.error';

/**
 * Fastify's JSON parser reports bad JSON as an error whose code Nest drops on the way to the
 * filters; this one throws our own problem, and treats an empty body as no body (a command such
 * as a payout has nothing to say). `__proto__` and `constructor.prototype` keys are refused.
 */
export function useJsonBodyParser(app: NestFastifyApplication, bodyLimit: number): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' }));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      done(new HttpProblemError(400, 'MALFORMED_JSON', `The request body is not valid JSON: ${reason}`), undefined);
    }
  });
}
