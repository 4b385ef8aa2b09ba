import type { SqlClient } from '@partnerships/event-store';
import type { Projection } from '../projection';

/** Every row of every table of `projection`, as sorted JSON: two read models are equal when their dumps are. */
export async function dumpReadModel(client: SqlClient, projection: Projection): Promise<Record<string, string[]>> {
  const tables: Record<string, string[]> = {};
  for (const table of projection.tables) {
    const { rows } = await client.query<{ row: string }>(`SELECT to_jsonb(t)::text AS row FROM ${table} t ORDER BY 1`);
    tables[table] = rows.map((row) => row.row);
  }
  return tables;
}
