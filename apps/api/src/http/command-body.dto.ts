import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

/** Every command body may carry its business time, for example when importing history. */
export class CommandBodyDto {
  @ApiPropertyOptional({ example: '2026-03-14T09:30:00Z', description: 'Business time of the command (default: now)' })
  @IsOptional()
  @IsISO8601({ strict: true, strictSeparator: true })
  readonly occurredAt?: string;
}
