import { Command } from '@nestjs/cqrs';
import type { PartnerType } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class SelectPartnerCommand extends Command<PartnerCommandResult> {
  constructor(
    readonly partner: {
      readonly partnerId: string | null;
      readonly name: string;
      readonly contactName: string | null;
      readonly contactEmail: string;
      readonly type: PartnerType;
      readonly tier: string | null;
      readonly reason: string | null;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
