import { compareLogPositions, type LogPosition, type SqlClient } from '@partnerships/event-store';
import type { LogLagCounter } from '@partnerships/log-follower';
import type { ProjectionStatus } from './projection-runner';

/** What read-your-writes and the status route need, from the runners here or from the stored checkpoints. */
export interface ProjectionPositions {
  /** True once every projection has applied `position`; false when `timeoutMs` passes first. */
  waitFor(position: LogPosition, timeoutMs: number): Promise<boolean>;
  statuses(): Promise<ProjectionStatus[]>;
  /**
   * Changes whenever any read model may have changed (the projections' applied positions):
   * what cached answers of read-model queries are keyed by. Never older than the read models'
   * state by more than `VERSION_MAX_AGE_MS`.
   */
  version(): Promise<string>;
}

/** How stale a version read from the stored checkpoints may be: one poll of `waitFor`. */
export const VERSION_MAX_AGE_MS = 20;

/** Checks for a position every this often: cheap (one indexed row per projection). */
const POLL_MS = 20;

/**
 * Where projections run by another process (`apps/projector`) stand, read from their stored
 * checkpoints: what an API that does not run them needs for `?minPosition=` and for status.
 */
export class StoredProjectionPositions implements ProjectionPositions {
  private recentVersion: { readonly at: number; readonly version: Promise<string> } | null = null;

  constructor(
    private readonly readModel: SqlClient,
    readonly names: readonly string[],
    private readonly lagCounter: LogLagCounter,
  ) {}

  async positions(): Promise<Map<string, LogPosition | null>> {
    const found = new Map<string, LogPosition | null>(this.names.map((name) => [name, null]));
    try {
      const { rows } = await this.readModel.query<{ name: string; position: string | null }>(
        'SELECT name, position::text AS position FROM projection_checkpoints WHERE name = ANY($1::text[])',
        [this.names],
      );
      for (const row of rows) found.set(row.name, row.position);
    } catch (error) {
      // Before the projector's first start the table does not exist: nothing is applied yet.
      if ((error as { code?: string }).code !== '42P01') throw error;
    }
    return found;
  }

  /** One read of the checkpoints serves every caller for VERSION_MAX_AGE_MS. */
  version(): Promise<string> {
    const now = Date.now();
    if (this.recentVersion === null || now - this.recentVersion.at >= VERSION_MAX_AGE_MS) {
      const version = this.readVersion();
      this.recentVersion = { at: now, version };
      version.catch(() => (this.recentVersion = null));
    }
    return this.recentVersion.version;
  }

  /** Positions and the time of each checkpoint's last write: a rebuild's swap moves the time even where it keeps the position. */
  private async readVersion(): Promise<string> {
    try {
      const { rows } = await this.readModel.query<{ version: string | null }>(
        `SELECT string_agg(name || '@' || coalesce(position::text, '') || '@' || updated_at::text, ',' ORDER BY name) AS version
         FROM projection_checkpoints WHERE name = ANY($1::text[])`,
        [this.names],
      );
      return rows[0]?.version ?? '';
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') throw error;
      return '';
    }
  }

  async waitFor(position: LogPosition, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const positions = await this.positions();
      if ([...positions.values()].every((applied) => compareLogPositions(applied, position) >= 0)) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Without the runner's own view, `live` means no lag and a failure cannot be seen from here. */
  async statuses(): Promise<ProjectionStatus[]> {
    const positions = await this.positions();
    return Promise.all(
      this.names.map(async (name) => {
        const position = positions.get(name) ?? null;
        const lag = await this.lagCounter(position);
        return { name, state: lag === 0 ? 'live' : 'catching-up', position, lag, appliedEvents: 0 } as const;
      }),
    );
  }
}
