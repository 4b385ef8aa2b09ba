import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class AssignManagerCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly managerId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
