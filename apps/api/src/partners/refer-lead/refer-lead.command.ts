import { Command } from '@nestjs/cqrs';
import type { Money } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class ReferLeadCommand extends Command<PartnerCommandResult & { leadId: string }> {
  constructor(
    readonly lead: {
      readonly partnerId: string;
      readonly leadId: string | null;
      readonly customerName: string;
      readonly customerEmail: string | null;
      readonly estimatedValue: Money | null;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
