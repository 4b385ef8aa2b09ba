import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class ReverseCommissionCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly commissionId: string,
    readonly reason: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
