import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  EMPTY_STREAM_TIP,
  chainTipOf,
  createSqlEventStore,
  eventHash,
  sealEvents,
  verifyLog,
  type EventStore,
  type NewEvent,
  type SqlClient,
  type SqlEventStore,
} from '@partnerships/event-store';
import { postgresTestSchema } from '@partnerships/event-store/testing';
import { PARTNERCTL_MAIN, partnerctl, type PartnerctlRun } from './support/partnerctl.process';

/** One line on stderr starting `partnerctl: `, as every refusal of the CLI is. */
function oneLine(run: PartnerctlRun): string {
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^partnerctl: /);
  return lines[0];
}

function partnerEvent(partnerId: string, version: number): NewEvent {
  return {
    eventId: crypto.randomUUID(),
    type: version === 1 ? 'PartnerSelected' : 'PartnerRenamed',
    data: { partnerId, name: `Acme ${partnerId} ${version}` },
    metadata: { occurredAt: '2026-01-01T00:00:00.000Z', actor: 'test', correlationId: crypto.randomUUID(), causationId: null, schemaVersion: 1 },
  };
}

/** Appends one event sealed onto the stream's stored tip, as the API's command runner does. */
async function appendSealed(store: EventStore, partnerId: string): Promise<void> {
  const streamId = `partnership-${partnerId}`;
  const last = (await store.readStream(streamId)).at(-1);
  const tip = last === undefined ? EMPTY_STREAM_TIP : chainTipOf(last);
  await store.appendToStream(streamId, sealEvents(streamId, tip, [partnerEvent(partnerId, tip.version + 1)]), {
    expectedVersion: tip.version === 0 ? 'no_stream' : tip.version,
  });
}

/** `versions` events for each partner, interleaved in the log: round 1 of every partner, then round 2, … */
async function writeInterleaved(store: EventStore, partnerIds: readonly string[], versions: number): Promise<void> {
  for (let round = 0; round < versions; round++) {
    for (const partnerId of partnerIds) await appendSealed(store, partnerId);
  }
}

async function storedEvent(client: SqlClient, partnerId: string, version: number) {
  const { rows } = await client.query<{ event_id: string; position: string }>(
    'SELECT event_id, position::text AS position FROM events WHERE stream_id = $1 AND stream_version = $2',
    [`partnership-${partnerId}`, version],
  );
  return { eventId: rows[0].event_id, position: rows[0].position };
}

/** Changes one character of the event's `name`, straight in the table. */
async function changeOneCharacter(client: SqlClient, eventId: string): Promise<void> {
  await client.query(`UPDATE events SET data = jsonb_set(data, '{name}', to_jsonb(overlay(data->>'name' placing 'f' from 4 for 1))) WHERE event_id = $1`, [eventId]);
}

describe('partnerctl verify and anchor, against PostgreSQL', () => {
  const schema = postgresTestSchema('verify');
  const storeEnv = { DATABASE_URL: schema.databaseUrl, DATABASE_SCHEMA: schema.schema };
  const dir = mkdtempSync(join(tmpdir(), 'partnerctl-anchor-'));
  const anchorFile = join(dir, 'anchor.json');
  let store: SqlEventStore;
  let client: SqlClient;

  beforeAll(async () => {
    expect(existsSync(PARTNERCTL_MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
    ({ store, client } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
    await writeInterleaved(store, ['p1', 'p2', 'p3', 'p4'], 3);
  });
  afterAll(async () => {
    await store?.close();
    await schema.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('passes an untouched log and gives its head as JSON', async () => {
    const run = await partnerctl(['verify', '--json'], storeEnv);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const { head } = await verifyLog(store);
    expect(JSON.parse(run.stdout)).toEqual({ ok: true, streamId: null, head, streams: 4, firstBreak: null, anchor: null });
    expect(head).toEqual({ events: 12, position: expect.stringMatching(/^\d+$/), hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('anchors the log, and the anchor still holds once more events are appended', async () => {
    const anchored = await partnerctl(['anchor', '--out', anchorFile], storeEnv);
    await writeInterleaved(store, ['p1', 'p5'], 1);
    const verified = await partnerctl(['verify', '--anchor', anchorFile], storeEnv);

    expect(anchored.code).toBe(0);
    const anchor = JSON.parse(readFileSync(anchorFile, 'utf8'));
    expect(anchor).toEqual({
      events: 12,
      position: expect.stringMatching(/^\d+$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      takenAt: expect.any(String),
      store: `PostgreSQL (schema ${schema.schema})`,
    });
    expect(anchored.stdout).toBe(`anchored 12 events at position ${anchor.position}, log hash ${anchor.hash}, in ${anchorFile}\n`);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(new RegExp(`^ok: 14 events in 5 streams, log hash [0-9a-f]{64} at position \\d+\\nanchor holds: the first 12 events still hash to ${anchor.hash}\\n$`));
  });

  it('fails the anchor once an anchored event was changed and its hash recomputed to hide it', async () => {
    // p3's last event: no later link points at it, so only the anchor can show the change.
    const [forged] = await store.readStream('partnership-p3', { fromVersion: 3 });
    const data = { ...forged.data, name: 'Forged' };
    const hash = eventHash({ ...forged, data }, forged.metadata.previousHash as string);
    await client.query(`UPDATE events SET data = $2::jsonb, metadata = jsonb_set(metadata, '{hash}', to_jsonb($3::text)) WHERE event_id = $1`, [
      forged.eventId,
      JSON.stringify(data),
      hash,
    ]);

    const run = await partnerctl(['verify', '--anchor', anchorFile], storeEnv);

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toMatch(/^partnerctl: the anchor of 12 events at position \d+ does not hold: the first 12 events no longer hash to the anchor/);
  });

  describe('with one character of an event changed in the table', () => {
    let changed: { eventId: string; position: string };
    beforeAll(async () => {
      changed = await storedEvent(client, 'p2', 2);
      await changeOneCharacter(client, changed.eventId);
    });

    it('names the event whose data changed', async () => {
      const run = await partnerctl(['verify', '--json'], storeEnv);

      expect(run.code).toBe(1);
      expect(oneLine(run)).toBe(
        `partnerctl: the chain breaks at partnership-p2 version 2 (event ${changed.eventId}, position ${changed.position}): content-changed, ` +
          'the event no longer matches its hash: its data, metadata, type or id changed',
      );
      expect(JSON.parse(run.stdout)).toMatchObject({
        ok: false,
        firstBreak: { streamId: 'partnership-p2', version: 2, eventId: changed.eventId, position: changed.position, reason: 'content-changed' },
      });
    });

    it('refuses to anchor the broken log and writes no anchor', async () => {
      const out = join(dir, 'broken.json');
      const run = await partnerctl(['anchor', '--out', out], storeEnv);

      expect(run.code).toBe(1);
      expect(oneLine(run)).toMatch(/^partnerctl: refusing to anchor a broken log: the chain breaks at partnership-p2 version 2 /);
      expect(existsSync(out)).toBe(false);
    });
  });

  describe('with an event deleted from the middle of a stream', () => {
    it("names the event after it, and --partner checks that partner's stream only, if there is one", async () => {
      const { eventId } = await storedEvent(client, 'p1', 2);
      const after = await storedEvent(client, 'p1', 3);
      await client.query('DELETE FROM events WHERE event_id = $1', [eventId]);

      const broken = await partnerctl(['verify', '--partner', 'p1', '--json'], storeEnv);
      const intact = await partnerctl(['verify', '--partner', 'p4'], storeEnv);
      const unknown = await partnerctl(['verify', '--partner', 'nobody'], storeEnv);

      expect(broken.code).toBe(1);
      expect(oneLine(broken)).toContain(`partnership-p1 version 3 (event ${after.eventId}, position ${after.position}): event-missing, version 2 is missing`);
      expect(JSON.parse(broken.stdout)).toMatchObject({ ok: false, streamId: 'partnership-p1', firstBreak: { version: 3, reason: 'event-missing' } });
      expect(intact.code).toBe(0);
      expect(intact.stdout).toMatch(/^ok: 3 events in partnership-p4, chain hash [0-9a-f]{64} at position \d+\n$/);
      expect(unknown.code).toBe(1);
      expect(oneLine(unknown)).toBe('partnerctl: no partner "nobody" in the log');
    });
  });
});

describe('partnerctl verify on an embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'partnerctl-verify-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('names the event whose data changed on disk', async () => {
    let changed: { eventId: string; position: string };
    const written = await createSqlEventStore({ dataDir });
    try {
      await writeInterleaved(written.store, ['a', 'b'], 3);
    } finally {
      await written.store.close();
    }
    // Reopened as an operator with database access would, then left for the CLI to open.
    const reopened = await createSqlEventStore({ dataDir });
    try {
      changed = await storedEvent(reopened.client, 'a', 2);
      await changeOneCharacter(reopened.client, changed.eventId);
    } finally {
      await reopened.store.close();
    }

    const run = await partnerctl(['verify'], { DATA_DIR: dataDir });

    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(oneLine(run)).toContain(`partnership-a version 2 (event ${changed.eventId}, position ${changed.position}): content-changed`);
  });
});
