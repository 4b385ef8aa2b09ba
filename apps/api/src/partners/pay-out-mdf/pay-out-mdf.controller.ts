import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { PayOutMdfDto } from './pay-out-mdf.dto';
import { Access } from '../../auth/access.decorator';
import { generatedId } from '@partnerships/event-store';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class PayOutMdfController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/mdf')
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Pay out market development funds (a deliverable is owed in return)' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  async payOut(@Param() { id }: PartnerParams, @Body() body: PayOutMdfDto, @RequestContext() context: CommandContext) {
    const mdfId = body.mdfId ?? generatedId(context, 'mdf');
    const data = { partnerId: id, mdfId, amount: { ...body.amount }, purpose: body.purpose };
    const result = await this.commandBus.execute(new RunPartnershipCommand({ type: 'PayOutMdf', data, metadata: { now: context.occurredAt } }, context));
    return { ...result, mdfId };
  }
}
