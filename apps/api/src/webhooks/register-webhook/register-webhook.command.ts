import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';

export interface RegisteredWebhook {
  readonly webhookId: string;
  /** `whsec_…`: shown in this answer only. */
  readonly secret: string;
  readonly url: string;
  readonly eventTypes: readonly string[];
  readonly description: string | null;
  readonly status: 'enabled';
  readonly position: string | null;
}

export class RegisterWebhookCommand extends Command<RegisteredWebhook> {
  constructor(
    readonly url: string,
    readonly eventTypes: readonly string[],
    readonly description: string | null,
    readonly context: CommandContext,
  ) {
    super();
  }
}
