import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generatedId } from '@partnerships/event-store';
import { TeammateCommands } from '../shared/teammate-commands.service';
import { AddTeammateCommand } from './add-teammate.command';

@CommandHandler(AddTeammateCommand)
export class AddTeammateHandler implements ICommandHandler<AddTeammateCommand> {
  constructor(private readonly teammates: TeammateCommands) {}

  execute({ teammate, actorRole, context }: AddTeammateCommand) {
    const teammateId = teammate.teammateId ?? generatedId(context, 'teammate');
    return this.teammates.execute('AddTeammate', { ...teammate, teammateId, actorRole }, context);
  }
}
