import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { CommandBodyDto } from '../../http/command-body.dto';
import { ID_MESSAGE, ID_REGEX } from '../../http/field-limits';

export class AssignManagerDto extends CommandBodyDto {
  @ApiProperty({ example: 'alice', description: 'A teammate with role teammate or higher' })
  @Matches(ID_REGEX, { message: ID_MESSAGE })
  readonly managerId!: string;
}
