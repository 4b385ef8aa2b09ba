import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, roleAtLeast } from '@partnerships/domain';
import { TeammateLookup } from '../../teammates/shared/teammate-lookup.service';
import { PartnershipCommands } from '../shared/partnership-commands.service';
import { OffboardPartnerCommand } from './offboard-partner.command';

@CommandHandler(OffboardPartnerCommand)
export class OffboardPartnerHandler implements ICommandHandler<OffboardPartnerCommand> {
  constructor(
    private readonly partnerships: PartnershipCommands,
    private readonly teammates: TeammateLookup,
  ) {}

  async execute({ partnerId, reason, override, principal, context }: OffboardPartnerCommand) {
    if (override === null) {
      return this.partnerships.execute('OffboardPartner', { partnerId, reason, override: null, overrideBy: null }, context);
    }
    // An override is made by its caller: nobody signs one in another teammate's name.
    if (principal.kind !== 'teammate' || !roleAtLeast(principal.role, 'admin')) {
      throw new ForbiddenError('Only an admin or owner may override the offboarding clearance');
    }
    if (override.byTeammateId !== null && override.byTeammateId !== principal.teammateId) {
      throw new ForbiddenError(`override.byTeammateId must be the caller (${principal.teammateId})`, { byTeammateId: override.byTeammateId });
    }
    // The decider judges the override on the caller's role as its stream says now.
    const overrideBy = await this.teammates.find(principal.teammateId);
    return this.partnerships.execute(
      'OffboardPartner',
      { partnerId, reason, override: { byTeammateId: principal.teammateId, reason: override.reason }, overrideBy },
      context,
    );
  }
}
