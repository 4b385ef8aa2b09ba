import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, Matches, ValidateNested } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { ID_MESSAGE, ID_REGEX } from '../../http/field-limits';
import { MoneyDto } from '../../http/money.dto';

export class EarnCommissionDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'c-1001', description: 'Unique per partner; generated when omitted' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly commissionId?: string;

  @ApiProperty({ example: 'cust-9' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly customerId!: string;

  @ApiProperty({ type: MoneyDto, description: "The customer's transaction" })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  readonly saleAmount!: MoneyDto;

  @ApiProperty({ type: MoneyDto, description: "The partner's commission on it" })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  readonly commissionAmount!: MoneyDto;

  @ApiPropertyOptional({ example: 'lead-42' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly leadId?: string;
}
