import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { OnboardPartnerCommand } from './onboard-partner.command';

@CommandHandler(OnboardPartnerCommand)
export class OnboardPartnerHandler implements ICommandHandler<OnboardPartnerCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: OnboardPartnerCommand) {
    return this.partnerships.execute('OnboardPartner', data, context);
  }
}
