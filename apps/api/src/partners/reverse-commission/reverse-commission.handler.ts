import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { ReverseCommissionCommand } from './reverse-commission.command';

@CommandHandler(ReverseCommissionCommand)
export class ReverseCommissionHandler implements ICommandHandler<ReverseCommissionCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: ReverseCommissionCommand) {
    return this.partnerships.execute('ReverseCommission', data, context);
  }
}
