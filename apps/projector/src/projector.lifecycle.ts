import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { OpenedStore } from '@partnerships/config';
import { ProgressReporter, type ProgressLine } from '@partnerships/log-follower';
import type { ProjectionHost, ProjectionStatus } from '@partnerships/projections';

export const PROJECTION_HOST = Symbol('PROJECTION_HOST');
export const PROJECTOR_STORE = Symbol('PROJECTOR_STORE');

/** Starts the projections, logs their progress, and on SIGTERM stops them after the batch in flight, then closes the store. */
@Injectable()
export class ProjectorLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Projector');
  private readonly progress = new ProgressReporter(
    async () => progressOf(await this.host.statuses()),
    ({ line, level, details }) => (details ? this.logger[level]({ msg: line, ...details }) : this.logger[level](line)),
  );

  constructor(
    @Inject(PROJECTION_HOST) private readonly host: ProjectionHost,
    @Inject(PROJECTOR_STORE) private readonly opened: OpenedStore,
  ) {}

  onApplicationBootstrap(): void {
    this.host.start();
    this.progress.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.host.stop();
    await this.progress.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.opened.close();
  }
}

function progressOf(statuses: readonly ProjectionStatus[]): ProgressLine {
  const line = statuses.map(describe).join('; ');
  const failed = statuses.filter((status) => status.state === 'failed');
  if (failed.length > 0) return { line, level: 'error', details: { failures: failed.map((status) => ({ name: status.name, ...status.failure })) } };
  return { line, level: 'log' };
}

function describe(status: ProjectionStatus): string {
  const retry = status.retrying ? `, retrying (${status.retrying.attempts}): ${status.retrying.message}` : '';
  return `${status.name} ${status.state} at ${status.position ?? 'start'}, ${status.lag} behind, ${status.appliedEvents} applied${retry}`;
}
