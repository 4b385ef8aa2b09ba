import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
import type { ProblemDetails } from '../../problems/problem-details';

export interface BulkAssignmentResult {
  readonly partnerId: string;
  readonly status: 'assigned' | 'unchanged' | 'failed';
  readonly version?: number;
  readonly position?: string | null;
  readonly error?: ProblemDetails;
}

export class BulkAssignManagersCommand extends Command<{ results: BulkAssignmentResult[] }> {
  constructor(
    readonly partnerIds: readonly string[],
    readonly managerId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
