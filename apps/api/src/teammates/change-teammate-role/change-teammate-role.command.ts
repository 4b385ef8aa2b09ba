import { Command } from '@nestjs/cqrs';
import type { TeammateRole } from '@partnerships/domain';
import type { CommandContext } from '../../command-handling/command-context';
import type { TeammateCommandResult } from '../../command-handling/command-result';

export class ChangeTeammateRoleCommand extends Command<TeammateCommandResult> {
  constructor(
    readonly teammateId: string,
    readonly role: TeammateRole,
    readonly context: CommandContext,
  ) {
    super();
  }
}
