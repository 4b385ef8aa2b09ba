import { DynamicModule, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import type { SqlClient } from '@partnerships/event-store';
import { CommandHandlingModule } from '../command-handling/command-handling.module';
import { SQL_CLIENT } from '../store/store.tokens';
import { DeleteWebhookController } from './delete-webhook/delete-webhook.controller';
import { ListWebhooksController } from './list-webhooks/list-webhooks.controller';
import { RegisterWebhookController } from './register-webhook/register-webhook.controller';
import { RegisterWebhookHandler } from './register-webhook/register-webhook.handler';
import { ReplayWebhookController } from './replay-webhook/replay-webhook.controller';
import { RotateWebhookSecretController } from './rotate-webhook-secret/rotate-webhook-secret.controller';
import { RotateWebhookSecretHandler } from './rotate-webhook-secret/rotate-webhook-secret.handler';
import { RunWebhookCommandHandler } from './shared/run-webhook-command';
import { WebhookServices, type WebhookSettings } from '@partnerships/webhooks';
import { TestWebhookController } from './test-webhook/test-webhook.controller';
import { UpdateWebhookController } from './update-webhook/update-webhook.controller';
import { WebhookDeliveriesController } from './webhook-deliveries/webhook-deliveries.controller';
import { WebhookDeliveryLifecycle } from './webhook-delivery.lifecycle';

export interface WebhooksModuleOptions extends WebhookSettings {
  /** Deliver in this process (wherever the projections run: `npm start`, or apps/projector). */
  readonly deliver: boolean;
}

/** Webhook endpoints (admin), their delivery log, and delivery itself when this process runs the projections. */
@Module({})
export class WebhooksModule {
  static forRoot({ deliver, ...settings }: WebhooksModuleOptions): DynamicModule {
    return {
      module: WebhooksModule,
      imports: [CqrsModule, CommandHandlingModule],
      controllers: [
        RegisterWebhookController,
        ListWebhooksController,
        UpdateWebhookController,
        DeleteWebhookController,
        RotateWebhookSecretController,
        TestWebhookController,
        WebhookDeliveriesController,
        ReplayWebhookController,
      ],
      providers: [
        { provide: WebhookServices, useFactory: (client: SqlClient) => new WebhookServices(settings, client), inject: [SQL_CLIENT] },
        RegisterWebhookHandler,
        RotateWebhookSecretHandler,
        RunWebhookCommandHandler,
        ...(deliver ? [WebhookDeliveryLifecycle] : []),
      ],
    };
  }
}
