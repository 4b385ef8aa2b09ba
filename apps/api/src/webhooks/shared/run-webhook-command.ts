import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WEBHOOK, type DeleteWebhook, type DisableFailingWebhook, type UpdateWebhook } from '@partnerships/domain';
import type { CommandContext } from '@partnerships/event-store';
import { AggregateCommandRunner } from '../../command-handling/aggregate-command.runner';
import { WebhookServices } from '@partnerships/webhooks';

export interface WebhookCommandResult {
  readonly webhookId: string;
  readonly version: number;
  readonly position: string | null;
}

/** An endpoint change as the domain defines it, on the CommandBus (registration and rotation have handlers of their own). */
export class RunWebhookCommand extends Command<WebhookCommandResult> {
  constructor(
    readonly command: UpdateWebhook | DeleteWebhook | DisableFailingWebhook,
    readonly context: CommandContext,
  ) {
    super();
  }
}

@CommandHandler(RunWebhookCommand)
export class RunWebhookCommandHandler implements ICommandHandler<RunWebhookCommand> {
  constructor(
    private readonly runner: AggregateCommandRunner,
    private readonly tools: WebhookServices,
  ) {}

  async execute({ command, context }: RunWebhookCommand): Promise<WebhookCommandResult> {
    const { webhookId } = command.data;
    // A new URL passes the address policy before anything is written.
    const checked = command.type === 'UpdateWebhook' && command.data.url !== undefined ? { ...command, data: { ...command.data, url: await this.tools.checkUrl(command.data.url) } } : command;
    const { version, position } = await this.runner.run({ aggregate: WEBHOOK, id: webhookId, command: checked, context });
    if (command.type === 'DeleteWebhook') {
      await this.tools.setup();
      await this.tools.vault.forget(webhookId);
    }
    return { webhookId, version, position };
  }
}
