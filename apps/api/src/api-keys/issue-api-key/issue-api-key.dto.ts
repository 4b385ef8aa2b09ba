import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { FieldLimits, ID_MESSAGE, ID_REGEX } from '../../http/field-limits';

export class ApiKeyBaseDto {
  @ApiProperty({ example: 'CRM sync', description: 'What the key is for' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.name)
  readonly name!: string;

  @ApiPropertyOptional({ example: '2027-06-30T00:00:00Z', description: 'After this instant the key is refused; none: it does not expire' })
  @IsOptional()
  @IsISO8601({ strict: true })
  readonly expiresAt?: string;
}

export class IssueApiKeyDto extends ApiKeyBaseDto {
  @ApiProperty({ example: 'alice', description: 'The teammate the key acts as, with that teammate\'s current role' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly teammateId!: string;
}
