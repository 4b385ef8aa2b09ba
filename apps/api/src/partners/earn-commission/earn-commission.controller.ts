import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { EarnCommissionCommand } from './earn-commission.command';
import { EarnCommissionDto } from './earn-commission.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class EarnCommissionController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/commissions')
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a commission earned on a customer transaction (only while enabled)' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  earn(@Param() { id }: PartnerParams, @Body() body: EarnCommissionDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(
      new EarnCommissionCommand(
        {
          partnerId: id,
          commissionId: body.commissionId ?? null,
          customerId: body.customerId,
          saleAmount: { ...body.saleAmount },
          commissionAmount: { ...body.commissionAmount },
          leadId: body.leadId ?? null,
        },
        context,
      ),
    );
  }
}
