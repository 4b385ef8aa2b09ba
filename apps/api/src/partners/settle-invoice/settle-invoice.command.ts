import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class SettleInvoiceCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly invoiceId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
