import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits } from '../../http/field-limits';

export class RecordMdfDeliverableDto extends CommandBodyDto {
  @ApiProperty({ example: 'Webinar recording and attendee list' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.text)
  readonly description!: string;

  @ApiPropertyOptional({ example: 'https://acme.example/webinar' })
  @IsOptional()
  @IsUrl({ require_protocol: true, protocols: ['http', 'https'] })
  @MaxLength(FieldLimits.url)
  readonly url?: string;
}
