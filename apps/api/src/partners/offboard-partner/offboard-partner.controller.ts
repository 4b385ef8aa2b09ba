import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@partnerships/access';
import { CurrentPrincipal } from '../../auth/current-principal.decorator';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { OffboardPartnerCommand } from './offboard-partner.command';
import { OffboardPartnerDto } from './offboard-partner.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class OffboardPartnerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/offboard')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Offboard the partner',
    description:
      'Requires financial clearance (422 CLEARANCE_REQUIRED lists every blocker) unless the caller, an admin or owner, overrides ' +
      'with a reason (a teammate who sends an override gets 403); the event records the caller as the override\'s author.',
  })
  @ApiOkResponse({ type: PartnerCommandResponse })
  offboard(
    @Param() { id }: PartnerParams,
    @Body() body: OffboardPartnerDto,
    @CurrentPrincipal() principal: Principal,
    @RequestContext() context: CommandContext,
  ) {
    const override = body.override ? { byTeammateId: body.override.byTeammateId ?? null, reason: body.override.reason } : null;
    return this.commandBus.execute(new OffboardPartnerCommand(id, body.reason, override, principal, context));
  }
}
