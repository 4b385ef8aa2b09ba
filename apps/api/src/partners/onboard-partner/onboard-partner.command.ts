import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class OnboardPartnerCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly notes: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}
