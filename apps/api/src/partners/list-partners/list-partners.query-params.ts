import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { PARTNER_TYPES, PARTNERSHIP_STATUSES } from '@partnerships/domain';
import { ALL_PARTNERS_DEFAULT_SORT_CURRENCY, ALL_PARTNERS_SORTS } from '@partnerships/projections';
import { FieldLimits, ID_MESSAGE, ID_REGEX, TIER_MESSAGE, TIER_REGEX } from '../../http/field-limits';
import { MinPositionQueryParams } from '../../read-models/min-position.query-params';

export const MAX_PARTNERS_PAGE = 200;

export class ListPartnersQueryParams extends MinPositionQueryParams {
  @ApiPropertyOptional({ example: 'alice', description: 'A manager id, or `unassigned` for partners without a manager' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly managerId?: string;

  @ApiPropertyOptional({ enum: PARTNERSHIP_STATUSES })
  @IsOptional()
  @IsIn(PARTNERSHIP_STATUSES)
  readonly status?: (typeof PARTNERSHIP_STATUSES)[number];

  @ApiPropertyOptional({ enum: PARTNER_TYPES })
  @IsOptional()
  @IsIn(PARTNER_TYPES)
  readonly type?: (typeof PARTNER_TYPES)[number];

  @ApiPropertyOptional({ example: 'gold' })
  @IsOptional()
  @Matches(TIER_REGEX, { message: TIER_MESSAGE })
  readonly tier?: string;

  @ApiPropertyOptional({ example: 'acme', description: 'Case-insensitive text in the name' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.name)
  readonly q?: string;

  @ApiPropertyOptional({
    enum: ALL_PARTNERS_SORTS,
    default: 'name',
    description:
      'A leading `-` sorts descending; `manager` sorts by the manager\'s name, unassigned first; `revenue` and `commissionsOutstanding` by the amount in `currency` (none counts as 0); ties by partner id',
  })
  @IsOptional()
  @IsIn(ALL_PARTNERS_SORTS)
  readonly sort?: (typeof ALL_PARTNERS_SORTS)[number];

  @ApiPropertyOptional({ example: 'EUR', default: ALL_PARTNERS_DEFAULT_SORT_CURRENCY, description: 'The currency the money sorts order by' })
  @IsOptional()
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  readonly currency?: string;

  @ApiPropertyOptional({ description: "The previous page's nextCursor" })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  readonly cursor?: string;

  @ApiPropertyOptional({ example: 50, minimum: 1, maximum: MAX_PARTNERS_PAGE, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PARTNERS_PAGE)
  readonly limit?: number;
}
