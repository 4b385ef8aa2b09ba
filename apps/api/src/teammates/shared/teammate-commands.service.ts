import { Injectable } from '@nestjs/common';
import { CredentialDirectory } from '@partnerships/access';
import { teammateDecider, teammateStreamId, type TeammateCommand } from '@partnerships/domain';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import type { CommandContext } from '@partnerships/event-store';
import type { TeammateCommandResult } from '../../command-handling/command-result';

type DataOf<T extends TeammateCommand['type']> = Extract<TeammateCommand, { type: T }>['data'];

@Injectable()
export class TeammateCommands {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly credentials: CredentialDirectory,
  ) {}

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
    // The teammate's keys act with what was just decided (a new role, a removal) from the next request on.
    this.credentials.forgetTeammate(data.teammateId);
    return { teammateId: data.teammateId, version: result.version, position: result.position };
  }
}
