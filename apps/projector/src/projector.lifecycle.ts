import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { OpenedStore } from '@partnerships/config';
import type { ProjectionHost, ProjectionStatus } from '@partnerships/projections';

export const PROJECTION_HOST = Symbol('PROJECTION_HOST');
export const PROJECTOR_STORE = Symbol('PROJECTOR_STORE');

/** How often the progress of the projections is logged while any of them lags or changes state. */
const PROGRESS_EVERY_MS = 5_000;

/** Starts the projections, logs their progress, and on SIGTERM stops them after the batch in flight, then closes the store. */
@Injectable()
export class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private timer: NodeJS.Timeout | null = null;
  private lastReported = '';

  constructor(
    @Inject(PROJECTION_HOST) private readonly host: ProjectionHost,
    @Inject(PROJECTOR_STORE) private readonly opened: OpenedStore,
  ) {}

  onApplicationBootstrap(): void {
    this.host.start();
    this.timer = setInterval(() => void this.reportProgress(), PROGRESS_EVERY_MS);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.host.stop();
    await this.reportProgress();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }

  private async reportProgress(): Promise<void> {
    let statuses: ProjectionStatus[];
    try {
      statuses = await this.host.statuses();
    } catch (error) {
      this.logger.warn(`cannot read the projections' status: ${String(error)}`);
      return;
    }
    const summary = statuses.map(describe).join('; ');
    if (summary === this.lastReported) return;
    this.lastReported = summary;
    const failed = statuses.filter((status) => status.state === 'failed');
    if (failed.length > 0) this.logger.error({ msg: 'projection failed', failures: failed.map((status) => ({ name: status.name, ...status.failure })) });
    this.logger.log(summary);
  }
}

function describe(status: ProjectionStatus): string {
  const retry = status.retrying ? `, retrying (${status.retrying.attempts}): ${status.retrying.message}` : '';
  return `${status.name} ${status.state} at ${status.position ?? 'start'}, ${status.lag} behind, ${status.appliedEvents} applied${retry}`;
}
