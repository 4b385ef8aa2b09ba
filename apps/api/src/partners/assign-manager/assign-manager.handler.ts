import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PARTNERSHIP } from '@partnerships/domain';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { TeammateLookup } from '../../teammates/shared/teammate-lookup.service';
import { AssignManagerCommand } from './assign-manager.command';

/** The rule needs the manager as its own stream has it now: looked up, then passed in the command. */
@CommandHandler(AssignManagerCommand)
export class AssignManagerHandler implements ICommandHandler<AssignManagerCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly teammates: TeammateLookup,
  ) {}

  async execute({ partnerId, managerId, context }: AssignManagerCommand) {
    const manager = await this.teammates.find(managerId);
    const command = { type: 'AssignManager' as const, data: { partnerId, managerId, manager }, metadata: { now: context.occurredAt } };
    const { version, position } = await this.runner.run({ aggregate: PARTNERSHIP, id: partnerId, command, context });
    return { partnerId, version, position };
  }
}
