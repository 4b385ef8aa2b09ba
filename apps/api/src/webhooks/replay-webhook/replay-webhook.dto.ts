import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** Exactly one of the two. */
export class ReplayWebhookDto {
  @ApiPropertyOptional({ example: '1024', description: 'Deliver again from the event at this log position (included)' })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,38})$/, { message: 'fromPosition must be a log position (digits only)' })
  readonly fromPosition?: string;

  @ApiPropertyOptional({ example: '2026-12-01T00:00:00Z', description: 'Deliver again from the first event recorded at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly fromTime?: string;
}
