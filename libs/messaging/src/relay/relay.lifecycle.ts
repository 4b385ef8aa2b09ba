import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventRelay, type RelayStatus } from './event-relay';

export const EVENT_RELAY = Symbol('EVENT_RELAY');

/** How often the relay's progress is logged while it changes. */
const PROGRESS_EVERY_MS = 5_000;

/** Starts the relay with the application, logs its progress, and flushes it on shutdown (before the store closes). */
@Injectable()
export class RelayLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Relay');
  private timer: NodeJS.Timeout | null = null;
  private lastReported = '';

  constructor(@Inject(EVENT_RELAY) private readonly relay: EventRelay) {}

  onApplicationBootstrap(): void {
    this.relay.start();
    this.timer = setInterval(() => void this.reportProgress(), PROGRESS_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.relay.stop();
    await this.reportProgress();
  }

  private async reportProgress(): Promise<void> {
    let status: RelayStatus;
    try {
      status = await this.relay.status();
    } catch (error) {
      this.logger.warn(`cannot read the relay's status: ${String(error)}`);
      return;
    }
    const retry = status.retrying ? `, retrying (${status.retrying.attempts}): ${status.retrying.message}` : '';
    const line = `to ${status.topic}: ${status.state} at ${status.position ?? 'start'}, ${status.lag} behind, ${status.published} published, ${status.errors} errors${retry}`;
    if (line === this.lastReported) return;
    this.lastReported = line;
    if (status.retrying) this.logger.warn(line);
    else this.logger.log(line);
  }
}
