import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { EarnCommissionDto } from './earn-commission.dto';
import { Access } from '../../auth/access.decorator';
import { generatedId } from '@partnerships/event-store';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class EarnCommissionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/commissions')
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a commission earned on a customer transaction (only while enabled)' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  async earn(@Param() { id }: PartnerParams, @Body() body: EarnCommissionDto, @RequestContext() context: CommandContext) {
    const commissionId = body.commissionId ?? generatedId(context, 'commission');
    const data = {
      partnerId: id,
      commissionId,
      customerId: body.customerId,
      saleAmount: { ...body.saleAmount },
      commissionAmount: { ...body.commissionAmount },
      leadId: body.leadId ?? null,
    };
    const result = await this.commandBus.execute(new RunPartnershipCommand({ type: 'EarnCommission', data, metadata: { now: context.occurredAt } }, context));
    return { ...result, commissionId };
  }
}
