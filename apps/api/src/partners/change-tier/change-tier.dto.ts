import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { TIER_MESSAGE, TIER_REGEX } from '../../http/field-limits';

export class ChangeTierDto extends CommandBodyDto {
  @ApiProperty({ example: 'gold' })
  @Matches(TIER_REGEX, { message: TIER_MESSAGE })
  readonly tier!: string;
}
