import type { SqlClient } from '@partnerships/event-store';

/** What builds a set of dropped indexes again; the tables' indexes as they were, sorted once each. */
export interface DeferredIndexes {
  /** Primary keys and unique constraints and indexes: the upserts of a later write name them (`ON CONFLICT`). */
  restoreKeys(): Promise<void>;
  /** The other indexes, then `ANALYZE` of the tables. */
  restoreRest(): Promise<void>;
}

interface IndexRow {
  readonly tableName: string;
  readonly indexName: string;
  /** The constraint the index backs, if any: dropped and added back as a constraint. */
  readonly constraintName: string | null;
  readonly constraintDefinition: string | null;
  readonly indexDefinition: string;
  readonly unique: boolean;
}

/**
 * Drops every index of `tables` (in the client's current schema), primary keys included, and
 * returns what builds them again: a bulk load writes its rows without maintaining an index row by
 * row, and each index is then built by one sort.
 */
export async function deferIndexes(client: SqlClient, tables: readonly string[]): Promise<DeferredIndexes> {
  const { rows } = await client.query<IndexRow>(
    `SELECT quote_ident(n.nspname) || '.' || quote_ident(t.relname) AS "tableName",
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS "indexName",
       quote_ident(k.conname) AS "constraintName",
       pg_get_constraintdef(k.oid) AS "constraintDefinition",
       pg_get_indexdef(i.indexrelid) AS "indexDefinition",
       i.indisunique AS unique
     FROM pg_index AS i
     JOIN pg_class AS c ON c.oid = i.indexrelid
     JOIN pg_class AS t ON t.oid = i.indrelid
     JOIN pg_namespace AS n ON n.oid = t.relnamespace
     LEFT JOIN pg_constraint AS k ON k.conindid = i.indexrelid AND k.conrelid = t.oid AND k.contype IN ('p', 'u')
     WHERE n.nspname = current_schema() AND t.relname = ANY($1::text[])
     ORDER BY t.relname, c.relname`,
    [tables],
  );
  const drop = rows.map((row) =>
    row.constraintName === null ? `DROP INDEX ${row.indexName};` : `ALTER TABLE ${row.tableName} DROP CONSTRAINT ${row.constraintName};`,
  );
  if (drop.length > 0) await client.exec(drop.join('\n'));
  const build = (row: IndexRow) =>
    row.constraintName === null
      ? `${row.indexDefinition};`
      : `ALTER TABLE ${row.tableName} ADD CONSTRAINT ${row.constraintName} ${row.constraintDefinition};`;
  const keys = rows.filter((row) => row.unique);
  const rest = rows.filter((row) => !row.unique);
  return {
    async restoreKeys() {
      if (keys.length > 0) await client.exec(keys.map(build).join('\n'));
    },
    async restoreRest() {
      if (rest.length > 0) await client.exec(rest.map(build).join('\n'));
      await client.exec(`ANALYZE ${tables.join(', ')}`);
    },
  };
}
