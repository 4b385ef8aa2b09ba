import type { SqlMigration } from './migration-runner';

/**
 * The event log, the append function and the HTTP idempotency records.
 *
 * Positions are `(top-level transaction id << 20) + i`. A transaction takes its id only after the
 * stream lock, so a later append to the same stream always gets a larger position; readers stop
 * below `xmin << 20` of their snapshot, where no transaction can still commit an event
 * (see sql-event-store.ts). No NOTIFY here: it takes a cluster-wide lock held through commit,
 * which serialises every appending commit; the store notifies after the commit instead.
 */
export const eventLogMigration: SqlMigration = {
  version: 1,
  name: 'event-log',
  sql: `
CREATE TABLE events (
  position bigint PRIMARY KEY,
  stream_id text NOT NULL CHECK (stream_id <> ''),
  stream_version integer NOT NULL CHECK (stream_version > 0),
  event_id uuid NOT NULL CONSTRAINT events_event_id_unique UNIQUE,
  type text NOT NULL CHECK (type <> ''),
  data jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  metadata jsonb NOT NULL CHECK (jsonb_typeof(metadata) = 'object'),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version)
);

CREATE TABLE idempotency_records (
  key text PRIMARY KEY,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- p_expected: -1 any, 0 no stream, n exactly n events. Raises ES001 (version conflict, DETAIL =
-- current version), ES002 (event ids stored elsewhere), ES003 (this transaction's id predates the
-- stream's last append, DETAIL = current version), ES004 (too many events in one transaction).
CREATE FUNCTION append_events(p_stream_id text, p_expected bigint, p_events jsonb)
RETURNS TABLE (new_version integer, last_position text, replayed boolean)
LANGUAGE plpgsql
SET search_path FROM CURRENT
AS $fn$
DECLARE
  -- Room for 2^20 events per transaction below the next transaction id's range.
  c_slots constant bigint := 1048576;
  v_ids uuid[];
  v_count integer;
  v_stored integer;
  v_stored_here integer;
  v_current integer;
  v_stream_last bigint;
  v_had_xid boolean;
  v_base bigint;
  v_next bigint := 0;
BEGIN
  -- Serialises appends to one stream without assigning a transaction id.
  PERFORM pg_advisory_xact_lock(hashtextextended(p_stream_id, 0));

  SELECT array_agg((e.value->>'eventId')::uuid ORDER BY e.ordinality)
    INTO v_ids
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e;
  v_count := coalesce(array_length(v_ids, 1), 0);
  IF v_count = 0 THEN
    RAISE EXCEPTION 'append_events needs at least one event' USING ERRCODE = '22023';
  END IF;

  SELECT count(*), count(*) FILTER (WHERE ev.stream_id = p_stream_id)
    INTO v_stored, v_stored_here
    FROM events ev
    WHERE ev.event_id = ANY (v_ids);
  IF v_stored > 0 THEN
    IF v_stored = v_count AND v_stored_here = v_count THEN
      RETURN QUERY
        SELECT ev.stream_version, ev.position::text, true
        FROM events ev
        WHERE ev.event_id = v_ids[v_count];
      RETURN;
    END IF;
    RAISE EXCEPTION 'event ids of this append are already stored in another append'
      USING ERRCODE = 'ES002', DETAIL = p_stream_id;
  END IF;

  SELECT ev.stream_version, ev.position
    INTO v_current, v_stream_last
    FROM events ev
    WHERE ev.stream_id = p_stream_id
    ORDER BY ev.stream_version DESC
    LIMIT 1;
  v_current := coalesce(v_current, 0);
  IF p_expected >= 0 AND v_current <> p_expected THEN
    RAISE EXCEPTION 'stream % is at version %, expected %', p_stream_id, v_current, p_expected
      USING ERRCODE = 'ES001', DETAIL = v_current::text;
  END IF;

  v_had_xid := pg_current_xact_id_if_assigned() IS NOT NULL;
  v_base := pg_current_xact_id()::text::bigint * c_slots;
  IF v_stream_last >= v_base + c_slots THEN
    -- This transaction took its id before a later, committed append to the stream: its events
    -- would sort before that append in the log. Retrying in a new transaction succeeds.
    RAISE EXCEPTION 'stream % was appended to by a newer transaction', p_stream_id
      USING ERRCODE = 'ES003', DETAIL = v_current::text;
  END IF;
  IF v_had_xid THEN
    SELECT coalesce(max(ev.position) - v_base + 1, 0)
      INTO v_next
      FROM events ev
      WHERE ev.position >= v_base AND ev.position < v_base + c_slots;
  END IF;
  IF v_next + v_count > c_slots THEN
    RAISE EXCEPTION 'at most % events per transaction', c_slots USING ERRCODE = 'ES004';
  END IF;

  INSERT INTO events (position, stream_id, stream_version, event_id, type, data, metadata)
  SELECT v_base + v_next + e.ordinality - 1,
         p_stream_id,
         v_current + e.ordinality,
         (e.value->>'eventId')::uuid,
         e.value->>'type',
         e.value->'data',
         e.value->'metadata'
    FROM jsonb_array_elements(p_events) WITH ORDINALITY AS e;

  RETURN QUERY SELECT v_current + v_count, (v_base + v_next + v_count - 1)::text, false;
END
$fn$;
`,
};
