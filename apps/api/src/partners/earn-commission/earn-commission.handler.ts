import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generatedId } from '@partnerships/event-store';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { EarnCommissionCommand } from './earn-commission.command';

@CommandHandler(EarnCommissionCommand)
export class EarnCommissionHandler implements ICommandHandler<EarnCommissionCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  async execute({ commission, context }: EarnCommissionCommand) {
    const commissionId = commission.commissionId ?? generatedId(context, 'commission');
    return { ...(await this.partnerships.execute('EarnCommission', { ...commission, commissionId }, context)), commissionId };
  }
}
