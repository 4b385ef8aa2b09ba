import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { CommissionParams } from '../../http/route-params.dto';
import { ReverseCommissionDto } from './reverse-commission.dto';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class ReverseCommissionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/commissions/:cid/reverse')
  @Access('operate')
  @HttpCode(200)
  @ApiOperation({ summary: 'Reverse (claw back) a commission before payout' })
  @ApiOkResponse({ type: PartnerCommandResponse })
  reverseCommission(
    @Param() { id, cid }: CommissionParams,
    @Body() body: ReverseCommissionDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new RunPartnershipCommand(
        { type: 'ReverseCommission', data: { partnerId: id, commissionId: cid, reason: body.reason }, metadata: { now: context.occurredAt } },
        context,
      ),
    );
  }
}
