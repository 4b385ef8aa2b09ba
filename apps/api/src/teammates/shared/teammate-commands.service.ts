import { Injectable } from '@nestjs/common';
import { teammateDecider, teammateStreamId, type TeammateCommand } from '@partnerships/domain';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import type { CommandContext } from '../../command-handling/command-context';
import type { TeammateCommandResult } from '../../command-handling/command-result';

type DataOf<T extends TeammateCommand['type']> = Extract<TeammateCommand, { type: T }>['data'];

@Injectable()
export class TeammateCommands {
  constructor(private readonly runner: AggregateCommandRunner) {}

  async execute<T extends TeammateCommand['type']>(
    type: T,
    data: DataOf<T>,
    context: CommandContext,
  ): Promise<TeammateCommandResult> {
    const result = await this.runner.run({
      streamId: teammateStreamId(data.teammateId),
      decider: teammateDecider,
      type,
      data,
      context,
    });
    return { teammateId: data.teammateId, version: result.version, position: result.position };
  }
}
