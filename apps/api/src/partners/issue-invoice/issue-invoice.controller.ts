import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { PartnerParams } from '../../http/route-params.dto';
import { IssueInvoiceCommand } from './issue-invoice.command';
import { IssueInvoiceDto } from './issue-invoice.dto';
import { Access } from '../../auth/access.decorator';

@ApiTags('partners')
@Controller('v1/partners')
export class IssueInvoiceController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/invoices')
  @Access('operate')
  @HttpCode(201)
  @ApiOperation({ summary: 'Issue an invoice to the partner' })
  @ApiCreatedResponse({ type: PartnerCommandResponse })
  issue(@Param() { id }: PartnerParams, @Body() body: IssueInvoiceDto, @RequestContext() context: CommandContext) {
    return this.commandBus.execute(
      new IssueInvoiceCommand(
        { partnerId: id, invoiceId: body.invoiceId ?? null, amount: { ...body.amount }, dueAt: body.dueAt ?? null },
        context,
      ),
    );
  }
}
