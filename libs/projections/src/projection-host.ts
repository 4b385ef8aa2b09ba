import { compareLogPositions, type LogPosition } from '@partnerships/event-store';
import type { Projection } from './projection';
import { ProjectionRunner, type ProjectionRunnerOptions, type ProjectionStatus } from './projection-runner';
import { rebuildProjection, type RebuildOptions, type RebuildProgress, type RebuildResult } from './rebuild/projection-rebuild';

/** Projections apply within milliseconds of a commit; a few ms between looks costs nothing. */
const WAIT_POLL_MS = 5;

/** No projection of that name runs here. */
export class UnknownProjectionError extends Error {
  constructor(readonly projection: string, readonly known: readonly string[]) {
    super(`No projection named ${JSON.stringify(projection)}; known: ${known.join(', ')}`);
    this.name = 'UnknownProjectionError';
  }
}

/** A rebuild of that projection is already running in this process. */
export class RebuildInProgressError extends Error {
  constructor(readonly projection: string) {
    super(`Projection ${projection} is already being rebuilt`);
    this.name = 'RebuildInProgressError';
  }
}

export interface HostedProjectionStatus extends ProjectionStatus {
  /** Present while a rebuild of this projection runs. */
  readonly rebuild?: RebuildProgress;
}

/** Runs several projections side by side, each with its own checkpoint and failure state. */
export class ProjectionHost {
  private readonly live: ProjectionRunner[];
  private started = false;
  private stopped = false;
  private readonly rebuilds = new Map<string, RebuildProgress>();
  /** Rebuilds swapped in: new tables at a position the runner may already have had. */
  private swaps = 0;

  constructor(
    private readonly projections: readonly Projection[],
    private readonly options: ProjectionRunnerOptions & Pick<RebuildOptions, 'memoryBudgetMb'>,
  ) {
    const names = new Set(projections.map((projection) => projection.name));
    if (names.size !== projections.length) {
      throw new Error('Projection names must be unique: they key the checkpoints');
    }
    this.live = projections.map((projection) => new ProjectionRunner(projection, options));
  }

  /** The live runner of each projection (a rebuild replaces one with a new runner after its swap). */
  get runners(): readonly ProjectionRunner[] {
    return this.live;
  }

  get names(): string[] {
    return this.projections.map((projection) => projection.name);
  }

  start(): void {
    this.started = true;
    for (const runner of this.runners) {
      runner.start();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
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

  /** The runners' applied positions, read from memory (they move only after a commit), and how many rebuilds were swapped in. */
  async version(): Promise<string> {
    return `${this.swaps}:${this.runners.map((runner) => runner.appliedPosition).join(',')}`;
  }

  async statuses(): Promise<HostedProjectionStatus[]> {
    const statuses = await Promise.all(this.runners.map((runner) => runner.status()));
    return statuses.map((status) => {
      const rebuild = this.rebuilds.get(status.name);
      return rebuild ? { ...status, rebuild } : status;
    });
  }

  /**
   * Replays one projection from the start into new tables and swaps them in (see
   * `rebuildProjection`) while its live runner keeps serving; its progress shows in `statuses()`.
   * Refuses at once, before anything starts, an unknown name or a rebuild already running.
   */
  rebuild(name: string, onProgress?: (progress: RebuildProgress) => void): Promise<RebuildResult> {
    const projection = this.projections.find((candidate) => candidate.name === name);
    if (projection === undefined) {
      throw new UnknownProjectionError(name, this.names);
    }
    if (this.rebuilds.has(name)) {
      throw new RebuildInProgressError(name);
    }
    const initial: RebuildProgress = { projection: name, phase: 'building', appliedEvents: 0, remainingEvents: 0, position: null };
    this.rebuilds.set(name, initial);
    return rebuildProjection(projection, {
      ...this.options,
      pauseLive: () => this.pause(name),
      onProgress: (progress) => {
        this.rebuilds.set(name, progress);
        onProgress?.(progress);
      },
    }).finally(() => this.rebuilds.delete(name));
  }

  /** Stops the live runner of `name`; the function returned starts a new one from the stored checkpoint. */
  private async pause(name: string): Promise<() => void> {
    const index = this.live.findIndex((runner) => runner.name === name);
    const paused = this.live[index];
    await paused.stop();
    return () => {
      this.swaps += 1;
      // A host that does not run its projections (the projector does) must not start one here.
      if (!this.started || this.stopped) return;
      const next = new ProjectionRunner(paused.projection, this.options);
      this.live[index] = next;
      next.start();
    };
  }
}
