import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { ChangeTierCommand } from './change-tier.command';

@CommandHandler(ChangeTierCommand)
export class ChangeTierHandler implements ICommandHandler<ChangeTierCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: ChangeTierCommand) {
    return this.partnerships.execute('ChangeTier', data, context);
  }
}
