import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import { Access } from '../../auth/access.decorator';
import { CurrentPrincipal, teammateRoleOf } from '../../auth/current-principal.decorator';
import type { CommandContext } from '@partnerships/event-store';
import { TeammateCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { TeammateParams } from '../../http/route-params.dto';
import { RunTeammateCommand } from '../shared/run-teammate-command';
import { ChangeTeammateRoleDto } from './change-teammate-role.dto';

@ApiTags('teammates')
@Controller('v1/teammates')
export class ChangeTeammateRoleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/role')
  @Access('manage-team')
  @HttpCode(200)
  @ApiOperation({
    summary: "Change a teammate's role",
    description: "Takes effect on the teammate's next request (on other API replicas within 2 s). Only an owner gives or takes the owner role.",
  })
  @ApiOkResponse({ type: TeammateCommandResponse })
  changeRole(
    @Param() { id }: TeammateParams,
    @Body() body: ChangeTeammateRoleDto,
    @CurrentPrincipal() principal: Principal,
    @RequestContext() context: CommandContext,
  ) {
    const data = { teammateId: id, role: body.role, actorRole: teammateRoleOf(principal) };
    return this.commandBus.execute(new RunTeammateCommand({ type: 'ChangeTeammateRole', data, metadata: { now: context.occurredAt } }, context));
  }
}
