import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '@partnerships/event-store';

export interface RotatedSecret {
  readonly webhookId: string;
  readonly secret: string;
  readonly previousSecretExpiresAt: string;
  readonly position: string | null;
}

/** The Standard Webhooks practice: the old secret keeps signing beside the new one for 24 h. */
export const SECRET_OVERLAP_MS = 24 * 3_600_000;

export class RotateWebhookSecretCommand extends Command<RotatedSecret> {
  constructor(
    readonly webhookId: string,
    readonly context: CommandContext,
  ) {
    super();
  }
}
