import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { OnboardPartnerDto } from './onboard-partner.dto';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class OnboardPartnerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/onboard')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark onboarding done (agreement, training)' })
  @ApiOkResponse({ type: PartnerCommandResponse })
  onboardPartner(
    @Param() { id }: PartnerParams,
    @Body() body: OnboardPartnerDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new RunPartnershipCommand({ type: 'OnboardPartner', data: { partnerId: id, notes: body.notes ?? null }, metadata: { now: context.occurredAt } }, context),
    );
  }
}
