import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { AssignManagerCommand } from './assign-manager.command';
import { AssignManagerDto } from './assign-manager.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class AssignManagerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/manager')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({ summary: "Assign or change the partner's manager (assigning the current one again is a no-op)" })
  @ApiOkResponse({ type: PartnerCommandResponse })
  assign(@Param() { id }: PartnerParams, @Body() body: AssignManagerDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(new AssignManagerCommand(id, body.managerId, context));
  }
}
