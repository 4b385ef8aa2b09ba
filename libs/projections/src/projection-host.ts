import type { Projection } from './projection';
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

  statuses(): Promise<ProjectionStatus[]> {
    return Promise.all(this.runners.map((runner) => runner.status()));
  }
}
