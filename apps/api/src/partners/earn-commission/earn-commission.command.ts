import { Command } from '@nestjs/cqrs';
import type { Money } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class EarnCommissionCommand extends Command<PartnerCommandResult & { commissionId: string }> {
  constructor(
    readonly commission: {
      readonly partnerId: string;
      readonly commissionId: string | null;
      readonly customerId: string;
      readonly saleAmount: Money;
      readonly commissionAmount: Money;
      readonly leadId: string | null;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
