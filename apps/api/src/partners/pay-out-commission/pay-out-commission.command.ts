import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class PayOutCommissionCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly commissionId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
