import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CommandContext } from '@partnerships/event-store';
import { Access } from '../../auth/access.decorator';
import { RunPartnershipCommand } from '../shared/run-partnership-command';
import { PartnerCommandResponse } from '../../http/command-responses';
import { RequestContext } from '../../http/request-context.decorator';
import { InvoiceParams } from '../../http/route-params.dto';
import { SettleInvoiceDto } from './settle-invoice.dto';

@ApiTags('partners')
@Controller('v1/partners')
export class SettleInvoiceController {
  constructor(private readonly commandBus: CommandBus) {}

  @Post(':id/invoices/:iid/settle')
  @Access('move-money')
  @HttpCode(200)
  @ApiOperation({ summary: 'Settle an open invoice' })
  @ApiOkResponse({ type: PartnerCommandResponse })
  settleInvoice(
    @Param() { id, iid }: InvoiceParams,
    @Body() _body: SettleInvoiceDto,
    @RequestContext() context: CommandContext,
  ) {
    return this.commandBus.execute(
      new RunPartnershipCommand({ type: 'SettleInvoice', data: { partnerId: id, invoiceId: iid }, metadata: { now: context.occurredAt } }, context),
    );
  }
}
