import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class ChangeTierCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly tier: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
