import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export const MAX_EVENTS_PAGE = 1000;
/** A log position as the API shows it: a decimal string. */
export const LOG_POSITION_PATTERN = /^(0|[1-9]\d{0,38})$/;
export const LOG_POSITION_MESSAGE = 'after must be a log position (digits only)';

export class ListEventsQueryParams {
  @ApiPropertyOptional({ example: '791648371212', description: 'Return events after this position (from a previous page or command answer)' })
  @IsOptional()
  @Matches(LOG_POSITION_PATTERN, { message: LOG_POSITION_MESSAGE })
  readonly after?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: MAX_EVENTS_PAGE, default: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EVENTS_PAGE)
  readonly limit?: number;
}
