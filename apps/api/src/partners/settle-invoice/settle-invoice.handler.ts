import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { SettleInvoiceCommand } from './settle-invoice.command';

@CommandHandler(SettleInvoiceCommand)
export class SettleInvoiceHandler implements ICommandHandler<SettleInvoiceCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: SettleInvoiceCommand) {
    return this.partnerships.execute('SettleInvoice', data, context);
  }
}
