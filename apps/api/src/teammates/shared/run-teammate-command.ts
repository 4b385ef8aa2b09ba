import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { CredentialDirectory } from '@partnerships/access';
import { TEAMMATE, type TeammateCommand } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import type { TeammateCommandResult } from '../../command-handling/command-result';

/** A teammate command as the domain defines it (the caller's role in `actorRole`), on the CommandBus. */
export class RunTeammateCommand extends Command<TeammateCommandResult> {
  constructor(
    readonly command: TeammateCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RunTeammateCommand)
export class RunTeammateCommandHandler implements ICommandHandler<RunTeammateCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly credentials: CredentialDirectory,
  ) {}

  async execute({ command, context }: RunTeammateCommand): Promise<TeammateCommandResult> {
    const { teammateId } = command.data;
    const { version, position } = await this.runner.run({ aggregate: TEAMMATE, id: teammateId, command, context });
    // The teammate's keys act with what was just decided (a new role, a removal) from the next request on.
    this.credentials.forgetTeammate(teammateId);
    return { teammateId, version, position };
  }
}
