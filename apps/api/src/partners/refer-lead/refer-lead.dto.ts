import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits, ID_MESSAGE, ID_REGEX } from '../../http/field-limits';
import { MoneyDto } from '../../http/money.dto';

export class ReferLeadDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'lead-42', description: 'Unique per partner; generated when omitted' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly leadId?: string;

  @ApiProperty({ example: 'Initech' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.name)
  readonly customerName!: string;

  @ApiPropertyOptional({ example: 'buyer@initech.example' })
  @IsOptional()
  @IsEmail()
  @MaxLength(FieldLimits.email)
  readonly customerEmail?: string;

  @ApiPropertyOptional({ type: MoneyDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => MoneyDto)
  readonly estimatedValue?: MoneyDto;
}
