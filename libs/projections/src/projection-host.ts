import { compareLogPositions, type LogPosition } from '@partnerships/event-store';
import type { Projection } from './projection';

/** Projections apply within milliseconds of a commit; a few ms between looks costs nothing. */
const WAIT_POLL_MS = 5;
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './projection-runner';

/** Runs several projections side by side, each with its own checkpoint and failure state. */
export class ProjectionHost {
  readonly runners: readonly ProjectionRunner[];

  constructor(projections: readonly Projection[], options: ProjectionRunnerOptions) {
    const names = new Set(projections.map((projection) => projection.name));
    if (names.size !== projections.length) {
      throw new Error('Projection names must be unique: they key the checkpoints');
    }
    this.runners = projections.map((projection) => new ProjectionRunner(projection, options));
  }

  start(): void {
    for (const runner of this.runners) {
      runner.start();
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.runners.map((runner) => runner.stop()));
  }

  /**
   * Resolves true once every projection has applied `position` (read-your-writes for a client
   * holding a command's answer), false when `timeoutMs` passes first.
   */
  async waitFor(position: LogPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    const passed = () => this.runners.every((runner) => compareLogPositions(runner.appliedPosition, position) >= 0);
    while (!passed()) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, WAIT_POLL_MS));
    }
    return true;
  }

  statuses(): Promise<ProjectionStatus[]> {
    return Promise.all(this.runners.map((runner) => runner.status()));
  }
}
