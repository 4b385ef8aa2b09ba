import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generatedId } from '@partnerships/event-store';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { IssueInvoiceCommand } from './issue-invoice.command';

@CommandHandler(IssueInvoiceCommand)
export class IssueInvoiceHandler implements ICommandHandler<IssueInvoiceCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  async execute({ invoice, context }: IssueInvoiceCommand) {
    const invoiceId = invoice.invoiceId ?? generatedId(context, 'invoice');
    return { ...(await this.partnerships.execute('IssueInvoice', { ...invoice, invoiceId }, context)), invoiceId };
  }
}
