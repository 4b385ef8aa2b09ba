import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits } from '../../http/field-limits';

export class OnboardPartnerDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'Agreement signed; sales training done' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly notes?: string;
}
