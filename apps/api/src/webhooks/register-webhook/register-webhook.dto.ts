import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { FieldLimits } from '../../http/field-limits';

export class RegisterWebhookDto {
  @ApiProperty({ example: 'https://crm.example.com/hooks/partnerships', description: 'https:// (http:// only with WEBHOOKS_ALLOW_HTTP=1); no private or loopback address unless in WEBHOOKS_ALLOWED_HOSTS' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.url)
  readonly url!: string;

  @ApiProperty({ example: ['PartnerSelected', 'LeadReferred'], description: 'Event types of docs/events.md, or ["*"] for every type' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  readonly eventTypes!: string[];

  @ApiPropertyOptional({ example: 'CRM sync' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly description?: string;
}
