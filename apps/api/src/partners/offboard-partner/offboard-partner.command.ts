import { Command } from '@nestjs/cqrs';
import type { Principal } from '@partnerships/access';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class OffboardPartnerCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partnerId: string,
    readonly reason: string,
    /** `byTeammateId`, when sent, must name the caller. */
    readonly override: { readonly byTeammateId: string | null; readonly reason: string } | null,
    readonly principal: Principal,
    readonly context: CommandContext,
  ) {
    super();
  }
}
