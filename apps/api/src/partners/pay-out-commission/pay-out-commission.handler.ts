import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { PayOutCommissionCommand } from './pay-out-commission.command';

@CommandHandler(PayOutCommissionCommand)
export class PayOutCommissionHandler implements ICommandHandler<PayOutCommissionCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  execute({ context, ...data }: PayOutCommissionCommand) {
    return this.partnerships.execute('PayOutCommission', data, context);
  }
}
