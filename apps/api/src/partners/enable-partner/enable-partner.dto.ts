import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits } from '../../http/field-limits';

export class EnablePartnerDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'Referral links issued' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly notes?: string;
}
