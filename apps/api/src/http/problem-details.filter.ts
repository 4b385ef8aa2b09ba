import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { HttpProblemError } from '../problems/http-problem.error';
import { toProblem } from '../problems/problem-details';

/** Every error leaves the API as application/problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger(ProblemDetailsFilter.name);

  catch(error: unknown, host: ArgumentsHost): void {
    const body = toProblem(error);
    if (body.status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    if (error instanceof HttpProblemError) void reply.headers(error.headers);
    void reply.status(body.status).header('Content-Type', 'application/problem+json; charset=utf-8').send(body);
  }
}
