import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { ReferLeadDto } from './refer-lead.dto';
import { Access } from '../../auth/access.decorator';
import { generatedId } from '@partnerships/event-store';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class ReferLeadController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/leads')
  @Access('refer-lead')
  @HttpCode(201)
  @ApiOperation({ summary: 'Record a lead the partner referred (only while enabled)' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  async refer(@Param() { id }: PartnerParams, @Body() body: ReferLeadDto, @RequestContext() context: CommandContext) {
    const leadId = body.leadId ?? generatedId(context, 'lead');
    const data = {
      partnerId: id,
      leadId,
      customerName: body.customerName,
      customerEmail: body.customerEmail ?? null,
      estimatedValue: body.estimatedValue ? { ...body.estimatedValue } : null,
    };
    const result = await this.commandBus.execute(new RunPartnershipCommand({ type: 'ReferLead', data, metadata: { now: context.occurredAt } }, context));
    return { ...result, leadId };
  }
}
