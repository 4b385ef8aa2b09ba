import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TeammateLookup } from '../../teammates/shared/teammate-lookup.service';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { AssignManagerCommand } from './assign-manager.command';

@CommandHandler(AssignManagerCommand)
export class AssignManagerHandler implements ICommandHandler<AssignManagerCommand> {
  constructor(
    private readonly partnerships: PartnershipCommands,
    private readonly teammates: TeammateLookup,
  ) {}

  async execute({ partnerId, managerId, context }: AssignManagerCommand) {
    const manager = await this.teammates.find(managerId);
    return this.partnerships.execute('AssignManager', { partnerId, managerId, manager }, context);
  }
}
