import { randomBytes } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WEBHOOK, requireEventTypes } from '@partnerships/domain';
import { newWebhookSecret } from '@partnerships/webhooks';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { WebhookServices } from '@partnerships/webhooks';
import { RegisterWebhookCommand, type RegisteredWebhook } from './register-webhook.command';

/** A new endpoint: its URL through the address policy, a secret kept encrypted, then its registration on the log. */
@CommandHandler(RegisterWebhookCommand)
export class RegisterWebhookHandler implements ICommandHandler<RegisterWebhookCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly tools: WebhookServices,
  ) {}

  async execute({ url, eventTypes, description, context }: RegisterWebhookCommand): Promise<RegisteredWebhook> {
    const types = requireEventTypes(eventTypes);
    const checkedUrl = await this.tools.checkUrl(url);
    const webhookId = `wh_${randomBytes(9).toString('base64url')}`;
    const secret = newWebhookSecret();
    await this.tools.setup();
    // The secret first: if the append then fails, no endpoint ever uses it.
    await this.tools.vault.keep(webhookId, secret);
    const { position } = await this.runner.run({
      aggregate: WEBHOOK,
      id: webhookId,
      command: { type: 'RegisterWebhook', data: { webhookId, url: checkedUrl, eventTypes: types, description }, metadata: { now: context.occurredAt } },
      context,
    });
    return { webhookId, secret, url: checkedUrl, eventTypes: types, description, status: 'enabled', position };
  }
}
