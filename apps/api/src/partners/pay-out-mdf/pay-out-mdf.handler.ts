import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generatedId } from '@partnerships/event-store';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { PayOutMdfCommand } from './pay-out-mdf.command';

@CommandHandler(PayOutMdfCommand)
export class PayOutMdfHandler implements ICommandHandler<PayOutMdfCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  async execute({ mdf, context }: PayOutMdfCommand) {
    const mdfId = mdf.mdfId ?? generatedId(context, 'mdf');
    return { ...(await this.partnerships.execute('PayOutMdf', { ...mdf, mdfId }, context)), mdfId };
  }
}
