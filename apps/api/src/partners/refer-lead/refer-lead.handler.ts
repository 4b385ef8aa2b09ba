import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { generatedId } from '@partnerships/event-store';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { ReferLeadCommand } from './refer-lead.command';

@CommandHandler(ReferLeadCommand)
export class ReferLeadHandler implements ICommandHandler<ReferLeadCommand> {
  constructor(private readonly partnerships: PartnershipCommands) {}

  async execute({ lead, context }: ReferLeadCommand) {
    const leadId = lead.leadId ?? generatedId(context, 'lead');
    return { ...(await this.partnerships.execute('ReferLead', { ...lead, leadId }, context)), leadId };
  }
}
