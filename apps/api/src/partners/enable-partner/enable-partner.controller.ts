import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { EnablePartnerDto } from './enable-partner.dto';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class EnablePartnerController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/enable')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Enable the partner: it may now refer leads and earn' })
  @ApiOkResponse({ type: PartnerCommandResponse })
  enablePartner(
    @Param() { id }: PartnerParams,
    @Body() body: EnablePartnerDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new RunPartnershipCommand({ type: 'EnablePartner', data: { partnerId: id, notes: body.notes ?? null }, metadata: { now: context.occurredAt } }, context),
    );
  }
}
