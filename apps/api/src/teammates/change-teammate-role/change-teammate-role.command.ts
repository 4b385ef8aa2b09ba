import { Command } from '@nestjs/cqrs';
import type { TeammateRole } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { TeammateCommandResult } from '../../command-handling/command-result';

export class ChangeTeammateRoleCommand extends Command<TeammateCommandResult> {
  constructor(
    readonly teammateId: string,
    readonly role: TeammateRole,
    readonly actorRole: TeammateRole,
    readonly context: CommandContext,
  ) {
    super();
  }
}
