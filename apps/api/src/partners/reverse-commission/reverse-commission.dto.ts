import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { FieldLimits } from '../../http/field-limits';

export class ReverseCommissionDto extends CommandBodyDto {
  @ApiProperty({ example: 'Customer refunded within 30 days' })
  @IsString()
  @MinLength(1)
  @MaxLength(FieldLimits.text)
  readonly reason!: string;
}
