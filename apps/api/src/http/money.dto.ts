import { ApiProperty } from '@nestjs/swagger';
import { IsISO4217CurrencyCode, IsInt, Matches, Max, Min } from 'class-validator';

/** Money is integer minor units and an ISO 4217 code: never a float. */
export class MoneyDto {
  @ApiProperty({ example: 250000, description: 'Integer amount in minor units (cents for USD)' })
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  readonly amountMinor!: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 currency code' })
  @Matches(/^[A-Z]{3}$/, { message: '$property must be three upper-case letters' })
  @IsISO4217CurrencyCode()
  readonly currency!: string;
}
