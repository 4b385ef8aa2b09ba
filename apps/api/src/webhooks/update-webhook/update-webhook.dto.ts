import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsOptional, IsString, MaxLength, MinLength, ValidateIf } from 'class-validator';
import { FieldLimits } from '../../http/field-limits';

/** Only the fields sent change. */
export class UpdateWebhookDto {
  @ApiPropertyOptional({ example: 'https://crm.example.com/hooks/v2' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.url)
  readonly url?: string;

  @ApiPropertyOptional({ example: ['*'] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  readonly eventTypes?: string[];

  @ApiPropertyOptional({ nullable: true, description: 'null clears it' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly description?: string | null;

  @ApiPropertyOptional({ description: 'false stops deliveries; true resumes them from where they stopped' })
  @IsOptional()
  @IsBoolean()
  readonly enabled?: boolean;

  @ApiPropertyOptional({ description: 'Why, when disabling' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly reason?: string;
}
