import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PARTNERSHIP, type PartnershipCommand } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import type { PartnerCommandResult } from '../../command-handling/command-result';

/** A partnership command as the domain defines it, on the CommandBus: the controllers build it whole. */
export class RunPartnershipCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly command: PartnershipCommand,
    readonly context: CommandContext,
  ) {
    super();
  }
}

/** Every partnership command that needs nothing beyond its own stream: decided and written by the runner. */
@CommandHandler(RunPartnershipCommand)
export class RunPartnershipCommandHandler implements ICommandHandler<RunPartnershipCommand> {
  constructor(private readonly runner: AggregateCommandRunner) {}

  async execute({ command, context }: RunPartnershipCommand): Promise<PartnerCommandResult> {
    const { partnerId } = command.data;
    const { version, position } = await this.runner.run({ aggregate: PARTNERSHIP, id: partnerId, command, context });
    return { partnerId, version, position };
  }
}
