import { ApiPropertyOptional } from '@nestjs/swagger';
import { AS_OF_BASES, AS_OF_FORMAT_HINT, isAsOf, type AsOfBasis } from '@partnerships/projections';
import { IsIn, IsOptional, ValidateBy } from 'class-validator';

export class PartnerHistoryQueryParams {
  @ApiPropertyOptional({
    example: '2026-03-31',
    description:
      'Answer with the state as of this moment: an ISO 8601 instant with Z or an offset, or a date ' +
      '(YYYY-MM-DD, meaning up to the end of that day, UTC). Without it, the whole timeline.',
  })
  @IsOptional()
  @ValidateBy({ name: 'isAsOf', validator: { validate: isAsOf, defaultMessage: () => `asOf ${AS_OF_FORMAT_HINT}` } })
  readonly asOf?: string;

  @ApiPropertyOptional({
    enum: AS_OF_BASES,
    default: 'recorded',
    description: '`recorded`: what the system knew then (store time); `occurred`: what had happened by then (business time), backdated entries included',
  })
  @IsOptional()
  @IsIn(AS_OF_BASES)
  readonly by?: AsOfBasis;
}
