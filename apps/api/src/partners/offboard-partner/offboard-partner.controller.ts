import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '../../command-handling/command-context';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { OffboardPartnerCommand } from './offboard-partner.command';
import { OffboardPartnerDto } from './offboard-partner.dto';

@ApiTags('partners')
@Controller('v1/partners')
export class OffboardPartnerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/offboard')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Offboard the partner',
    description: 'Requires financial clearance (422 CLEARANCE_REQUIRED lists every blocker) unless an admin or owner overrides.',
  })
  @ApiOkResponse({ type: PartnerCommandResponse })
  offboard(@Param() { id }: PartnerParams, @Body() body: OffboardPartnerDto, @RequestContext() context: CommandContext) {
    const override = body.override ? { byTeammateId: body.override.byTeammateId, reason: body.override.reason } : null;
    return this.commandBus.execute(new OffboardPartnerCommand(id, body.reason, override, context));
  }
}
