import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TeammateCommands } from '../shared/teammate-commands.service';
import { ChangeTeammateRoleCommand } from './change-teammate-role.command';

@CommandHandler(ChangeTeammateRoleCommand)
export class ChangeTeammateRoleHandler implements ICommandHandler<ChangeTeammateRoleCommand> {
  constructor(private readonly teammates: TeammateCommands) {}

  execute({ teammateId, role, actorRole, context }: ChangeTeammateRoleCommand) {
    return this.teammates.execute('ChangeTeammateRole', { teammateId, role, actorRole }, context);
  }
}
