import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { toProblem } from '../../problems/problem-details';
import { TeammateLookup } from '../../teammates/shared/teammate-lookup.service';
import { PARTNERSHIP } from '@partnerships/domain';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { BulkAssignManagersCommand, type BulkAssignmentResult } from './bulk-assign-managers.command';

/** Partners are independent streams: a few at a time keeps the store busy without flooding it. */
const PARALLEL_ASSIGNMENTS = 8;

@CommandHandler(BulkAssignManagersCommand)
export class BulkAssignManagersHandler implements ICommandHandler<BulkAssignManagersCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly teammates: TeammateLookup,
  ) {}

  async execute({ partnerIds, managerId, context }: BulkAssignManagersCommand) {
    const manager = await this.teammates.find(managerId);
    const results: BulkAssignmentResult[] = new Array(partnerIds.length);
    let next = 0;
    const worker = async () => {
      for (let index = next++; index < partnerIds.length; index = next++) {
        const partnerId = partnerIds[index];
        try {
          const command = { type: 'AssignManager' as const, data: { partnerId, managerId, manager }, metadata: { now: context.occurredAt } };
          const { written, version, position } = await this.runner.run({ aggregate: PARTNERSHIP, id: partnerId, command, context });
          results[index] = { partnerId, version, position, status: written > 0 ? 'assigned' : 'unchanged' };
        } catch (error) {
          const problem = toProblem(error);
          if (problem.status >= 500) throw error;
          results[index] = { partnerId, status: 'failed', error: problem };
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_ASSIGNMENTS, partnerIds.length) }, worker));
    return { results };
  }
}
