import { Command } from '@nestjs/cqrs';
import type { TeammateRole } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { TeammateCommandResult } from '../../command-handling/command-result';

export class RemoveTeammateCommand extends Command<TeammateCommandResult> {
  constructor(
    readonly teammateId: string,
    readonly reason: string | null,
    readonly actorRole: TeammateRole,
    readonly context: CommandContext,
  ) {
    super();
  }
}
