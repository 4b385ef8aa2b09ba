import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../command-handling/command-context';
import { TeammateCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { TeammateParams } from '../../http/route-params.dto';
import { ChangeTeammateRoleCommand } from './change-teammate-role.command';
import { ChangeTeammateRoleDto } from './change-teammate-role.dto';

@ApiTags('teammates')
@Controller('v1/teammates')
export class ChangeTeammateRoleController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/role')
  @HttpCode(200)
  @ApiOperation({ summary: "Change a teammate's role" })
  @ApiOkResponse({ type: TeammateCommandResponse })
  changeRole(@Param() { id }: TeammateParams, @Body() body: ChangeTeammateRoleDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(new ChangeTeammateRoleCommand(id, body.role, context));
  }
}
