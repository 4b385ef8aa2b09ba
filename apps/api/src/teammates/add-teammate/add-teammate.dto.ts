import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { TEAMMATE_ROLES, type TeammateRole } from '@partnerships/domain';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits, ID_MESSAGE, ID_REGEX } from '../../http/field-limits';

export class AddTeammateDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'alice', description: 'Caller-chosen id; a UUID is generated when omitted' })
  @IsOptional()
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly teammateId?: string;

  @ApiProperty({ example: 'Alice Moreau' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.name)
  readonly name!: string;

  @ApiProperty({ example: 'alice@company.example' })
  @IsEmail()
  @MaxLength(FieldLimits.email)
  readonly email!: string;

  @ApiProperty({ enum: TEAMMATE_ROLES, example: 'teammate' })
  @IsIn(TEAMMATE_ROLES)
  readonly role!: TeammateRole;
}
