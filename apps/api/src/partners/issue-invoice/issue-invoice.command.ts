import { Command } from '@nestjs/cqrs';
import type { Money } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class IssueInvoiceCommand extends Command<PartnerCommandResult & { invoiceId: string }> {
  constructor(
    readonly invoice: {
      readonly partnerId: string;
      readonly invoiceId: string | null;
      readonly amount: Money;
      readonly dueAt: string | null;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
