import { Controller, Get, Headers, Query, Req, Res } from '@nestjs/common';
import { ApiHeader, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ValidationError } from '@partnerships/domain';
import { Access } from '../../auth/access.decorator';
import { BearerAuthenticator } from '../../auth/bearer.authenticator';
import { principalMay } from '../../auth/permissions';
import { LOG_POSITION_PATTERN } from '../list-events/list-events.query-params';
import { EventStreams } from './event-streams';
import { StreamEventsQueryParams } from './stream-events.query-params';

@ApiTags('events')
@Controller('v1/events/stream')
export class StreamEventsController {
  constructor(
    private readonly streams: EventStreams,
    private readonly authenticator: BearerAuthenticator,
  ) {}

  @Get()
  @Access('read')
  @ApiOperation({
    summary: 'Follow the global log as Server-Sent Events, for services without Kafka and for the console',
    description:
      'Each message is `id: <position>` and `data: <the event as in GET /v1/events>`. A reconnecting client sends ' +
      '`Last-Event-ID` and resumes after it; a `: heartbeat` comment comes every 15 s while the log is idle. ' +
      'Never sends an event while an earlier one can still be committed.',
  })
  @ApiProduces('text/event-stream')
  @ApiHeader({ name: 'Last-Event-ID', required: false, description: 'The id of the last message received: resume after it' })
  async stream(
    @Query() { after }: StreamEventsQueryParams,
    @Headers('last-event-id') lastEventId: string | undefined,
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (lastEventId !== undefined && !LOG_POSITION_PATTERN.test(lastEventId)) {
      throw ValidationError.forField('headers.last-event-id', 'last-event-id must be a log position (digits only)');
    }
    const from = lastEventId ?? (after === 'head' ? await this.streams.head() : (after ?? null));
    // From here on the answer is ours to write: headers set on the reply (security, CORS) go too.
    reply.hijack();
    const raw = reply.raw;
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) raw.setHeader(name, value);
    }
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // Proxies such as nginx would otherwise buffer the stream.
      'x-accel-buffering': 'no',
    });
    // The credentials again, as the access guard judged them (a revoked key, a removed teammate or
    // a role taken away ends the stream; the client's reconnection then gets the 401 or 403).
    const stillAllowed = () =>
      this.authenticator.authenticate(request).then(
        (principal) => principalMay(principal, 'read'),
        () => false,
      );
    await this.streams.serve(raw, from, stillAllowed);
  }
}
