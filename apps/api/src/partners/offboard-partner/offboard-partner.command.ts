import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../command-handling/command-context';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class OffboardPartnerCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly reason: string,
    readonly override: { readonly byTeammateId: string; readonly reason: string } | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}
