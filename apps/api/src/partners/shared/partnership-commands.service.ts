import { Injectable } from '@nestjs/common';
import {
  partnershipDecider,
  partnershipStreamId,
  type PartnershipCommand,
} from '@partnerships/domain';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

type DataOf<T extends PartnershipCommand['type']> = Extract<PartnershipCommand, { type: T }>['data'];

/** Runs a domain command against one partner's stream and answers in the HTTP contract's shape. */
@Injectable()
export class PartnershipCommands {
  constructor(private readonly runner: AggregateCommandRunner) {}

  async execute<T extends PartnershipCommand['type']>(
    type: T,
    data: DataOf<T>,
    context: CommandContext,
  ): Promise<PartnerCommandResult> {
    const { written: _written, ...answer } = await this.executeCounting(type, data, context);
    return answer;
  }

  /** As `execute`, also telling how many events this call wrote (0 for a no-op or a replay). */
  async executeCounting<T extends PartnershipCommand['type']>(
    type: T,
    data: DataOf<T>,
    context: CommandContext,
  ): Promise<PartnerCommandResult & { readonly written: number }> {
    const result = await this.runner.run({
      streamId: partnershipStreamId(data.partnerId),
      decider: partnershipDecider,
      type,
      data,
      context,
    });
    return { partnerId: data.partnerId, version: result.version, position: result.position, written: result.written };
  }
}
