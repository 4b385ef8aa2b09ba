import { Command } from '@nestjs/cqrs';
import type { Money } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import type { PartnerCommandResult } from '../../command-handling/command-result';

export class PayOutMdfCommand extends Command<PartnerCommandResult & { mdfId: string }> {
  constructor(
    readonly mdf: {
      readonly partnerId: string;
      readonly mdfId: string | null;
      readonly amount: Money;
      readonly purpose: string;
    },
    readonly context: CommandContext,
  ) {
    super();
  }
}
