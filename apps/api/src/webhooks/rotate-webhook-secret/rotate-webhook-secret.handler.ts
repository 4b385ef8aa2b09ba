import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WEBHOOK } from '@partnerships/domain';
import { newWebhookSecret } from '@partnerships/webhooks';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { WebhookServices } from '@partnerships/webhooks';
import { RotateWebhookSecretCommand, SECRET_OVERLAP_MS, type RotatedSecret } from './rotate-webhook-secret.command';

/**
 * The rotation on the log first, then the new secret in the vault: if the vault write fails the
 * old secret goes on signing alone and the caller, who never saw the new one, simply retries.
 */
@CommandHandler(RotateWebhookSecretCommand)
export class RotateWebhookSecretHandler implements ICommandHandler<RotateWebhookSecretCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly tools: WebhookServices,
  ) {}

  async execute({ webhookId, context }: RotateWebhookSecretCommand): Promise<RotatedSecret> {
    const previousSecretExpiresAt = new Date(context.occurredAt.getTime() + SECRET_OVERLAP_MS);
    const { position } = await this.runner.run({
      aggregate: WEBHOOK,
      id: webhookId,
      command: { type: 'RotateWebhookSecret', data: { webhookId, overlapMs: SECRET_OVERLAP_MS }, metadata: { now: context.occurredAt } },
      context,
    });
    const secret = newWebhookSecret();
    await this.tools.setup();
    await this.tools.vault.rotate(webhookId, secret, previousSecretExpiresAt);
    return { webhookId, secret, previousSecretExpiresAt: previousSecretExpiresAt.toISOString(), position };
  }
}
