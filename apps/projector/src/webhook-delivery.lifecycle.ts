import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { WebhookDispatcher } from '@partnerships/webhooks';

export const WEBHOOK_DISPATCHER = Symbol('WEBHOOK_DISPATCHER');

/** Webhook delivery beside the projections; stopped before the store closes (the projector's lifecycle closes it last). */
@Injectable()
export class ProjectorWebhookLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  static readonly logger = new Logger('Webhooks');

  constructor(@Inject(WEBHOOK_DISPATCHER) private readonly dispatcher: WebhookDispatcher) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.dispatcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.dispatcher.stop();
  }
}

