import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
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
