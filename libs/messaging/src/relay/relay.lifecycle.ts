import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ProgressReporter, type ProgressLine } from '@partnerships/log-follower';
import { EventRelay, type RelayStatus } from './event-relay';

export const EVENT_RELAY = Symbol('EVENT_RELAY');

/** Starts the relay with the application, logs its progress, and flushes it on shutdown (before the store closes). */
@Injectable()
export class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Relay');
  private readonly progress = new ProgressReporter(
    async () => progressOf(await this.relay.status()),
    ({ line, level }) => this.logger[level](line),
  );

  constructor(@Inject(EVENT_RELAY) private readonly relay: EventRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.progress.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
    await this.progress.stop();
  }
}

function progressOf(status: RelayStatus): ProgressLine {
  const retry = status.retrying ? `, retrying (${status.retrying.attempts}): ${status.retrying.message}` : '';
  const line = `to ${status.topic}: ${status.state} at ${status.position ?? 'start'}, ${status.lag} behind, ${status.published} published, ${status.errors} errors${retry}`;
  return { line, level: status.retrying ? 'warn' : 'log' };
}
