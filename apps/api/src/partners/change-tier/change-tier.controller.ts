import { Body, Controller, HttpCode, Param, Put } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { ChangeTierDto } from './change-tier.dto';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class ChangeTierController {
  constructor(private readonly commandBus: CommandBus) {}

  @Put(':id/tier')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({ summary: "Change the partner's tier" })
  @ApiOkResponse({ type: PartnerCommandResponse })
  changeTier(
    @Param() { id }: PartnerParams,
    @Body() body: ChangeTierDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new RunPartnershipCommand({ type: 'ChangeTier', data: { partnerId: id, tier: body.tier }, metadata: { now: context.occurredAt } }, context),
    );
  }
}
