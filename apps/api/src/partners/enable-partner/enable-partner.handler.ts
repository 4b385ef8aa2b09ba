import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { EnablePartnerCommand } from './enable-partner.command';

@CommandHandler(EnablePartnerCommand)
export class EnablePartnerHandler implements ICommandHandler<EnablePartnerCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: EnablePartnerCommand) {
    return this.partnerships.execute('EnablePartner', data, context);
  }
}
