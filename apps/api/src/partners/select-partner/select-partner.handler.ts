import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generatedId } from '@partnerships/event-store';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { SelectPartnerCommand } from './select-partner.command';

@CommandHandler(SelectPartnerCommand)
export class SelectPartnerHandler implements ICommandHandler<SelectPartnerCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ partner, context }: SelectPartnerCommand) {
    const partnerId = partner.partnerId ?? generatedId(context, 'partner');
    return this.partnerships.execute('SelectPartner', { ...partner, partnerId }, context);
  }
}
