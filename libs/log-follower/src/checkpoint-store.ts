import { migrate, type LogPosition, type SqlClient, type SqlMigrationSet } from '@partnerships/event-store';

/** Own component name, so the read-model database may be the event store's or another one. */
export const projectionCheckpointMigrations: SqlMigrationSet = {
  component: 'projection-checkpoints',
  migrations: [
    {
      version: 1,
      name: 'projection-checkpoints',
      // A null position means "nothing applied yet": read the log from its start.
      sql: `
CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name text PRIMARY KEY,
  position bigint,
  updated_at timestamptz NOT NULL DEFAULT now()
)`,
    },
    {
      version: 2,
      name: 'positions-of-any-store',
      // EventStoreDB positions are (commit, prepare) pairs carried as one decimal up to 2^128.
      sql: 'ALTER TABLE projection_checkpoints ALTER COLUMN position TYPE numeric(39, 0)',
    },
  ],
};

/** Another runner of the same projection moved the checkpoint: this batch must not commit. */
export class CheckpointMovedError extends Error {
  constructor(
    readonly projection: string,
    readonly expected: LogPosition | null,
  ) {
    super(`The checkpoint of projection ${projection} is no longer at ${expected ?? 'the start'}`);
    this.name = 'CheckpointMovedError';
  }
}

/** Where each projection stands in the log, kept in the read-model database. */
export class CheckpointStore {
  constructor(private readonly client: SqlClient) {}

  async prepare(): Promise<void> {
    await migrate(this.client, projectionCheckpointMigrations);
  }

  /** Creates the checkpoint row at the start of the log if the projection has none. */
  async register(tx: SqlClient, name: string): Promise<void> {
    await tx.query('INSERT INTO projection_checkpoints (name, position) VALUES ($1, NULL) ON CONFLICT (name) DO NOTHING', [name]);
  }

  async read(name: string): Promise<LogPosition | null> {
    const { rows } = await this.client.query<{ position: string | null }>(
      'SELECT position::text AS position FROM projection_checkpoints WHERE name = $1',
      [name],
    );
    return rows[0]?.position ?? null;
  }

  /**
   * Moves the checkpoint from `from` to `to` inside the read-model transaction. The guard on
   * `from` makes a second runner of the same projection (another process) roll back instead of
   * applying the same events twice: its UPDATE waits for the first commit, then matches nothing.
   */
  async save(tx: SqlClient, name: string, from: LogPosition | null, to: LogPosition): Promise<void> {
    const { rows } = await tx.query<{ name: string }>(
      `UPDATE projection_checkpoints SET position = $3::numeric, updated_at = now()
       WHERE name = $1 AND position IS NOT DISTINCT FROM $2::numeric
       RETURNING name`,
      [name, from, to],
    );
    if (rows.length !== 1) {
      throw new CheckpointMovedError(name, from);
    }
  }

  /** Back to the start of the log, for a rebuild that truncates the read model in the same `tx`. */
  async reset(tx: SqlClient, name: string): Promise<void> {
    await tx.query('UPDATE projection_checkpoints SET position = NULL, updated_at = now() WHERE name = $1', [name]);
  }
}
