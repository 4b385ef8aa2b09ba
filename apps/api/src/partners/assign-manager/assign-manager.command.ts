import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context';
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
