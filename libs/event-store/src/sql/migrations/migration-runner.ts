import type { SqlClient } from '../sql-client';
import { eventLogMigration } from './0001-event-log.migration';
import { appendBatchMigration } from './0002-append-batch.migration';

export interface SqlMigration {
  /** Applied in ascending order, each exactly once. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** The migrations of one component (the event store, a read model...), recorded under its name. */
export interface SqlMigrationSet {
  readonly component: string;
  readonly migrations: readonly SqlMigration[];
}

export const eventStoreMigrations: SqlMigrationSet = {
  component: 'event-store',
  migrations: [eventLogMigration, appendBatchMigration],
};

/**
 * Applies the set's missing migrations in one transaction and returns their versions. A
 * transaction-scoped advisory lock (per schema) makes a second process that starts at the same
 * time wait, then find everything applied.
 */
export async function migrate(
  client: SqlClient,
  set: SqlMigrationSet = eventStoreMigrations,
): Promise<number[]> {
  assertAscending(set);
  return client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock(hashtext('schema_migrations'), hashtext(coalesce(current_schema(), '')))");
    await tx.exec(`
      CREATE TABLE IF NOT EXISTS schema_migrations (
        component text NOT NULL,
        version integer NOT NULL,
        name text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (component, version)
      )`);
    const { rows } = await tx.query<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE component = $1',
      [set.component],
    );
    const applied = new Set(rows.map((row) => row.version));
    const newlyApplied: number[] = [];
    for (const migration of set.migrations) {
      if (applied.has(migration.version)) {
        continue;
      }
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (component, version, name) VALUES ($1, $2, $3)', [
        set.component,
        migration.version,
        migration.name,
      ]);
      newlyApplied.push(migration.version);
    }
    return newlyApplied;
  });
}

function assertAscending(set: SqlMigrationSet): void {
  if (set.component === '') {
    throw new Error('A migration set needs a component name');
  }
  set.migrations.forEach((migration, index) => {
    const previous = set.migrations[index - 1];
    if (!Number.isInteger(migration.version) || migration.version < 1 || (previous && migration.version <= previous.version)) {
      throw new Error(`Migrations of ${set.component} must have ascending positive integer versions`);
    }
  });
}
