import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits } from '../../http/field-limits';

export class RemoveTeammateDto extends CommandBodyDto {
  @ApiPropertyOptional({ example: 'Left the company' })
  @IsOptional()
  @IsString()
  @MaxLength(FieldLimits.text)
  readonly reason?: string;
}
