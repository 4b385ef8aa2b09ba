import { Command } from '@nestjs/cqrs';
import type { TeammateRole } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { TeammateCommandResult } from '../../command-handling/command-result';

export class AddTeammateCommand extends Command<TeammateCommandResult> {
  constructor(
    readonly teammate: {
      readonly teammateId: string | null;
      readonly name: string;
      readonly email: string;
      readonly role: TeammateRole;
    },
    readonly actorRole: TeammateRole,
    readonly context: CommandContext,
  ) {
    super();
  }
}
