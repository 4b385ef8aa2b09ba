import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TeammateCommands } from '../shared/teammate-commands.service';
import { RemoveTeammateCommand } from './remove-teammate.command';

@CommandHandler(RemoveTeammateCommand)
export class RemoveTeammateHandler implements ICommandHandler<RemoveTeammateCommand> {
  constructor(private readonly teammates: TeammateCommands) {}

  execute({ teammateId, reason, actorRole, context }: RemoveTeammateCommand) {
    return this.teammates.execute('RemoveTeammate', { teammateId, reason, actorRole }, context);
  }
}
