import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsISO8601, IsOptional, Matches, ValidateNested } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { ID_MESSAGE, ID_REGEX } from '../../http/field-limits';
import { MoneyDto } from '../../http/money.dto';

export class IssueInvoiceDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'inv-7', description: 'Unique per partner; generated when omitted' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly invoiceId?: string;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  readonly amount!: MoneyDto;

  @ApiPropertyOptional({ example: '2026-04-30' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly dueAt?: string;
}
