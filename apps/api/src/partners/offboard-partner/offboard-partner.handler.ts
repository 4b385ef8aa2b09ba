import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ForbiddenError, PARTNERSHIP, roleAtLeast, type OffboardPartner } from '@partnerships/domain';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { TeammateLookup } from '../../teammates/shared/teammate-lookup.service';
import { OffboardPartnerCommand } from './offboard-partner.command';

@CommandHandler(OffboardPartnerCommand)
export class OffboardPartnerHandler implements ICommandHandler<OffboardPartnerCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly teammates: TeammateLookup,
  ) {}

  async execute({ partnerId, reason, override, principal, context }: OffboardPartnerCommand) {
    const command: OffboardPartner = {
      type: 'OffboardPartner',
      data: override === null ? { partnerId, reason, override: null, overrideBy: null } : await this.overriddenBy(principal, partnerId, reason, override),
      metadata: { now: context.occurredAt },
    };
    const { version, position } = await this.runner.run({ aggregate: PARTNERSHIP, id: partnerId, command, context });
    return { partnerId, version, position };
  }

  /** An override is made by its caller: nobody signs one in another teammate's name. */
  private async overriddenBy(
    principal: OffboardPartnerCommand['principal'],
    partnerId: string,
    reason: string,
    override: NonNullable<OffboardPartnerCommand['override']>,
  ): Promise<OffboardPartner['data']> {
    if (principal.kind !== 'teammate' || !roleAtLeast(principal.role, 'admin')) {
      throw new ForbiddenError('Only an admin or owner may override the offboarding clearance');
    }
    if (override.byTeammateId !== null && override.byTeammateId !== principal.teammateId) {
      throw new ForbiddenError(`override.byTeammateId must be the caller (${principal.teammateId})`, { byTeammateId: override.byTeammateId });
    }
    // The decider judges the override on the caller's role as its stream says now.
    const overrideBy = await this.teammates.find(principal.teammateId);
    return { partnerId, reason, override: { byTeammateId: principal.teammateId, reason: override.reason }, overrideBy };
  }
}
