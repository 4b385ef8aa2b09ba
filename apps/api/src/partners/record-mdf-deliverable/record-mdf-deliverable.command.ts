import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class RecordMdfDeliverableCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly mdfId: string,
    readonly description: string,
    readonly url: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}
