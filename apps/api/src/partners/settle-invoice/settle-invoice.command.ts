import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
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
