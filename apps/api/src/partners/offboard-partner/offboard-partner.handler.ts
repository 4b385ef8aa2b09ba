import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { TeammateLookup } from '../../teammates/shared/teammate-lookup.service';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { OffboardPartnerCommand } from './offboard-partner.command';

@CommandHandler(OffboardPartnerCommand)
export class OffboardPartnerHandler implements ICommandHandler<OffboardPartnerCommand> {
  constructor(
    private readonly partnerships: PartnershipCommands,
    private readonly teammates: TeammateLookup,
  ) {}

  async execute({ partnerId, reason, override, context }: OffboardPartnerCommand) {
    // The decider judges the override; it needs the overriding teammate's current role.
    const overrideBy = override === null ? null : await this.teammates.find(override.byTeammateId);
    return this.partnerships.execute('OffboardPartner', { partnerId, reason, override, overrideBy }, context);
  }
}
