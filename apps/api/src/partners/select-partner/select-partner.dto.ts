import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PARTNER_TYPES, type PartnerType } from '@partnerships/domain';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits, ID_MESSAGE, ID_REGEX, TIER_MESSAGE, TIER_REGEX } from '../../http/field-limits';

export class SelectPartnerDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'acme', description: 'Caller-chosen id; a UUID is generated when omitted' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly partnerId?: string;

  @ApiProperty({ example: 'Acme Resellers Ltd' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.name)
  readonly name!: string;

  @ApiPropertyOptional({ example: 'Dana Scott' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.name)
  readonly contactName?: string;

  @ApiProperty({ example: 'dana@acme.example' })
  @IsEmail()
  @MaxLength(FieldLimits.email)
  readonly contactEmail!: string;

  @ApiProperty({ enum: PARTNER_TYPES, example: 'reseller' })
  @IsIn(PARTNER_TYPES)
  readonly type!: PartnerType;

  @ApiPropertyOptional({ example: 'gold', description: 'Defaults to "standard"' })
  @IsOptional()
  @Matches(TIER_REGEX, { message: TIER_MESSAGE })
  readonly tier?: string;

  @ApiPropertyOptional({ example: 'Strong presence in the Nordics' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly reason?: string;
}
