import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
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
