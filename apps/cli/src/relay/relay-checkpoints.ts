import type { LogPosition, SqlClient } from '@partnerships/event-store';

/** The relay keeps its checkpoint beside the projections', one row per topic (see EventRelay). */
const RELAY_CHECKPOINT_PREFIX = 'relay:';

export interface RelayCheckpoint {
  readonly topic: string;
  /** Every event up to here was acknowledged by the broker; null before the first. */
  readonly position: LogPosition | null;
  /** When the checkpoint last moved (or was created). */
  readonly updatedAt: Date;
}

/** Every relay checkpoint in the read-model database, by topic; none when no relay (nor projection) ever ran here. */
export async function readRelayCheckpoints(client: SqlClient): Promise<RelayCheckpoint[]> {
  try {
    const { rows } = await client.query<{ name: string; position: string | null; updated_at: Date | string }>(
      `SELECT name, position::text AS position, updated_at FROM projection_checkpoints
       WHERE starts_with(name, $1) ORDER BY name`,
      [RELAY_CHECKPOINT_PREFIX],
    );
    return rows.map((row) => ({ topic: row.name.slice(RELAY_CHECKPOINT_PREFIX.length), position: row.position, updatedAt: new Date(row.updated_at) }));
  } catch (error) {
    // The table appears with the first projection or relay run.
    if ((error as { code?: string }).code === '42P01') return [];
    throw error;
  }
}
