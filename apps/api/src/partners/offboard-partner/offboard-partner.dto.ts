import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsOptional, IsString, Matches, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits, ID_MESSAGE, ID_REGEX } from '../../http/field-limits';

export class OffboardOverrideDto {
  @ApiPropertyOptional({
    example: 'olivia',
    description: 'The caller, who must be an admin or owner and takes responsibility for the open items; any other teammate is refused (403)',
  })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly byTeammateId?: string;

  @ApiProperty({ example: 'Partner insolvent; finance writes the balance off' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.text)
  readonly reason!: string;
}

export class OffboardPartnerDto extends CommandBodyDto {
  @ApiProperty({ example: 'Contract ended' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.text)
  readonly reason!: string;

  @ApiPropertyOptional({ type: OffboardOverrideDto, description: 'Force the offboarding despite open financial items' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OffboardOverrideDto)
  readonly override?: OffboardOverrideDto;
}
