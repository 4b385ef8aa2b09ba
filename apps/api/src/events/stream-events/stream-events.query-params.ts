import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { LOG_POSITION_PATTERN } from '../list-events/list-events.query-params';

/** A position, or `head`: only what commits from now on. */
const STREAM_START = new RegExp(`${LOG_POSITION_PATTERN.source}|^head$`);

export class StreamEventsQueryParams {
  @ApiPropertyOptional({
    example: '791648371212',
    description: 'Start after this position, or at `head` for new events only (default: the start of the log); a reconnecting client sends `Last-Event-ID`, which wins',
  })
  @IsOptional()
  @Matches(STREAM_START, { message: 'after must be a log position (digits only) or head' })
  readonly after?: string;
}
