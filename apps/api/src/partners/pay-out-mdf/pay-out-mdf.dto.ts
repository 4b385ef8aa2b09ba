import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits, ID_MESSAGE, ID_REGEX } from '../../http/field-limits';
import { MoneyDto } from '../../http/money.dto';

export class PayOutMdfDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'mdf-3', description: 'Unique per partner; generated when omitted' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly mdfId?: string;

  @ApiProperty({ type: MoneyDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => MoneyDto)
  readonly amount!: MoneyDto;

  @ApiProperty({ example: 'Co-branded webinar series, Q2' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.text)
  readonly purpose!: string;
}
