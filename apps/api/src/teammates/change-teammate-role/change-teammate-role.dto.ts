import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { TEAMMATE_ROLES, type TeammateRole } from '@partnerships/domain';
import { CommandBodyDto } from '../../http/command-body.dto';

export class ChangeTeammateRoleDto extends CommandBodyDto {
  @ApiProperty({ enum: TEAMMATE_ROLES, example: 'admin' })
  @IsIn(TEAMMATE_ROLES)
  readonly role!: TeammateRole;
}
