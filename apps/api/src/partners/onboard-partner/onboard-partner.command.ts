import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
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
