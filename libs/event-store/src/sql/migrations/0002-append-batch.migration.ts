import type { SqlMigration } from './migration-runner';

/**
 * `append_events_batch`: several appends in one call and one transaction (group commit, see
 * append-batcher.ts), each with exactly the outcome it would have alone.
 *
 * - Each append runs in its own subtransaction (the EXCEPTION block), so one append's failure
 *   undoes only its own writes and releases only its own stream lock; the others still commit.
 * - The stream locks are taken in one global order (lock key, then arrival), so two batches never
 *   wait for each other in a cycle; appends to one stream keep their arrival order.
 * - The transaction takes its id at its first write, so a later append of the batch that waited
 *   for its stream's lock may find the stream appended to by a newer transaction: it fails with
 *   ES003, and the store runs it again on its own.
 *
 * Returns one row per append, `item` being its 0-based index in `p_appends`: either its result or
 * the error it raised. At most 64 appends per batch (the store's limit): each written append holds
 * a subtransaction id until the commit, and past 64 PostgreSQL's per-backend cache of them
 * overflows, which slows every snapshot on the server.
 */
export const appendBatchMigration: SqlMigration = {
  version: 2,
  name: 'append-batch',
  sql: `
-- p_appends: [{"streamId": text, "expectedVersion": bigint, "events": [...]}, ...], each item
-- as append_events takes it.
CREATE FUNCTION append_events_batch(p_appends jsonb)
RETURNS TABLE (
  item integer,
  new_version integer,
  last_position text,
  replayed boolean,
  error_code text,
  error_message text,
  error_detail text,
  error_constraint text
)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
  v_append record;
BEGIN
  FOR v_append IN
    SELECT a.value, a.ordinality::integer - 1 AS item
      FROM jsonb_array_elements(p_appends) WITH ORDINALITY AS a
     ORDER BY hashtextextended(a.value->>'streamId', 0), a.ordinality
  LOOP
    item := v_append.item;
    BEGIN
      SELECT r.new_version, r.last_position, r.replayed
        INTO new_version, last_position, replayed
        FROM append_events(
          v_append.value->>'streamId',
          (v_append.value->>'expectedVersion')::bigint,
          v_append.value->'events'
        ) AS r;
      error_code := NULL;
      error_message := NULL;
      error_detail := NULL;
      error_constraint := NULL;
    EXCEPTION WHEN OTHERS THEN
      new_version := NULL;
      last_position := NULL;
      replayed := NULL;
      GET STACKED DIAGNOSTICS
        error_code = RETURNED_SQLSTATE,
        error_message = MESSAGE_TEXT,
        error_detail = PG_EXCEPTION_DETAIL,
        error_constraint = CONSTRAINT_NAME;
    END;
    RETURN NEXT;
  END LOOP;
END
$fn$;
`,
};
