import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { CommissionParams } from '../../http/route-params.dto';
import { PayOutCommissionDto } from './pay-out-commission.dto';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class PayOutCommissionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/commissions/:cid/payout')
  @Access('move-money')
  @HttpCode(200)
  @ApiOperation({ summary: 'Pay out an earned commission' })
  @ApiOkResponse({ type: PartnerCommandResponse })
  payOutCommission(
    @Param() { id, cid }: CommissionParams,
    @Body() _body: PayOutCommissionDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new RunPartnershipCommand({ type: 'PayOutCommission', data: { partnerId: id, commissionId: cid }, metadata: { now: context.occurredAt } }, context),
    );
  }
}
