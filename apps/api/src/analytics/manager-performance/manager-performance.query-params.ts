import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ID_MESSAGE, ID_REGEX } from '../../http/field-limits';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';

export const INTERVALS = ['day', 'week', 'month'] as const;
export const ATTRIBUTIONS = ['at-event', 'current'] as const;

export class ManagerPerformanceQueryParams extends MinPositionQueryParams {
  @ApiProperty({ example: '2026-01-01', description: 'Start (inclusive), ISO 8601, UTC unless an offset is given' })
  @IsISO8601({ strict: true })
  readonly from!: string;

  @ApiProperty({ example: '2027-01-01', description: 'End (exclusive), ISO 8601' })
  @IsISO8601({ strict: true })
  readonly to!: string;

  @ApiPropertyOptional({ enum: INTERVALS, default: 'month' })
  @IsOptional()
  @IsIn(INTERVALS)
  readonly interval?: (typeof INTERVALS)[number];

  @ApiProperty({ example: 'USD' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  readonly currency!: string;

  @ApiPropertyOptional({
    enum: ATTRIBUTIONS,
    default: 'at-event',
    description: '`at-event`: the manager when the sale happened; `current`: the partner\'s manager today',
  })
  @IsOptional()
  @IsIn(ATTRIBUTIONS)
  readonly attribution?: (typeof ATTRIBUTIONS)[number];

  @ApiPropertyOptional({ example: 'alice', description: 'One manager, or `unassigned`' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly managerId?: string;
}
