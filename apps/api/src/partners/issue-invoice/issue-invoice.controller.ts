import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { IssueInvoiceDto } from './issue-invoice.dto';
import { Access } from '../../auth/access.decorator';
import { generatedId } from '@partnerships/event-store';
import { RunPartnershipCommand } from '../shared/run-partnership-command';

@ApiTags('partners')
@Controller('v1/partners')
export class IssueInvoiceController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/invoices')
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue an invoice to the partner' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  async issue(@Param() { id }: PartnerParams, @Body() body: IssueInvoiceDto, @RequestContext() context: CommandContext) {
    const invoiceId = body.invoiceId ?? generatedId(context, 'invoice');
    const data = { partnerId: id, invoiceId, amount: { ...body.amount }, dueAt: body.dueAt ?? null };
    const result = await this.commandBus.execute(new RunPartnershipCommand({ type: 'IssueInvoice', data, metadata: { now: context.occurredAt } }, context));
    return { ...result, invoiceId };
  }
}
