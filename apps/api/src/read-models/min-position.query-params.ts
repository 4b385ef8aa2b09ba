import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class MinPositionQueryParams {
  @ApiPropertyOptional({
    example: '791648371212',
    description: "A command answer's position: wait (at most 5 s, then 503) until the read models include it",
  })
  @IsOptional()
  @Matches(/^(0|[1-9]\d{0,38})$/, { message: 'minPosition must be a log position (digits only)' })
  readonly minPosition?: string;
}
