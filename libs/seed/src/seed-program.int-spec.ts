import {
  fold,
  PARTNERSHIP_STATUSES,
  PARTNERSHIP_STREAM_PREFIX,
  partnershipDecider,
  teammateDecider,
  TEAMMATE_STREAM_PREFIX,
  EVENT_SCHEMA_VERSIONS,
  type DomainEventType,
  type PartnershipEvent,
  type TeammateEvent,
} from '@partnerships/domain';
import { createSqlEventStore, verifyLog, type RecordedEvent, type SqlClient, type SqlEventStore } from '@partnerships/event-store';
import { postgresTestSchema, readWholeLog } from '@partnerships/event-store/testing';
import { listAllPartners, readClearance, readManagerPerformance, READ_MODEL_PROJECTIONS, rebuildProjections } from '@partnerships/projections';
import { sqlLogLagCounter } from '@partnerships/log-follower';
import { SeedAlreadyWrittenError, seedProgram, type SeedProgramResult } from './index';

const END_AT = new Date('2026-03-01T00:00:00.000Z');
const YEAR_AGO = new Date(END_AT.getTime() - 365 * 86_400_000);
const PARTNERS = 30;

/**
 * What the writer chose, stream by stream: without what the store assigned (position, recordedAt)
 * and without the interleaving of streams in the log, which follows the store's group commit.
 */
const written = (events: readonly RecordedEvent[]) =>
  events
    .map(({ streamId, version, eventId, type, data, metadata }) => ({ streamId, version, eventId, type, data, metadata }))
    .sort((a, b) => (a.streamId === b.streamId ? a.version - b.version : a.streamId < b.streamId ? -1 : 1));

function byStream(events: readonly RecordedEvent[]): Map<string, RecordedEvent[]> {
  const streams = new Map<string, RecordedEvent[]>();
  for (const event of events) streams.set(event.streamId, [...(streams.get(event.streamId) ?? []), event]);
  return streams;
}

describe('seeding a partner program', () => {
  const schema = postgresTestSchema('seed');
  let first: { store: SqlEventStore; client: SqlClient };
  let second: { store: SqlEventStore; client: SqlClient };
  let result: SeedProgramResult;
  let log: RecordedEvent[];
  const progress: [number, number][] = [];

  beforeAll(async () => {
    // The second store is PostgreSQL: the same program whatever the store, and PGlite is slow to open.
    [first, second] = await Promise.all([createSqlEventStore({}), createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema })]);
    result = await seedProgram(first.store, { partners: PARTNERS, seed: 7, endAt: END_AT, batchSize: 8, onProgress: (done, total) => progress.push([done, total]) });
    await seedProgram(second.store, { partners: PARTNERS, seed: 7, endAt: END_AT });
    log = await readWholeLog(first.store);
  });

  afterAll(async () => {
    await Promise.all([first?.store.close(), second?.store.close()]);
    await schema.drop();
  });

  it('writes the same events, ids included, for the same seed and end', async () => {
    expect(log.length).toBe(result.events);
    expect(result).toEqual(expect.objectContaining({ seed: 7, partners: PARTNERS, firstPartnerId: 's7-p000001', lastPartnerId: 's7-p000030' }));
    expect(written(await readWholeLog(second.store))).toEqual(written(log));
  });

  it('reports its progress after each batch of partners', () => {
    expect(progress).toEqual([[0, 30], [8, 30], [16, 30], [24, 30], [30, 30]]);
  });

  it('seals every event onto the hash chain', async () => {
    const verification = await verifyLog(first.store);

    expect(verification.firstBreak).toBeNull();
    expect(verification.head.events).toBe(result.events);
  });

  it('writes histories the deciders fold, in business-time order within the year, with the API metadata', () => {
    const streams = byStream(log);
    expect([...streams.keys()].filter((id) => id.startsWith(PARTNERSHIP_STREAM_PREFIX))).toHaveLength(PARTNERS);
    expect([...streams.keys()].filter((id) => id.startsWith(TEAMMATE_STREAM_PREFIX))).toHaveLength(result.teammates);
    for (const [streamId, events] of streams) {
      const times = events.map((event) => event.metadata.occurredAt);
      expect(times).toEqual([...times].sort());
      expect(times[0] >= YEAR_AGO.toISOString() && times[times.length - 1] < END_AT.toISOString()).toBe(true);
      const state = streamId.startsWith(PARTNERSHIP_STREAM_PREFIX)
        ? fold(partnershipDecider, events as unknown as PartnershipEvent[])
        : fold(teammateDecider, events as unknown as TeammateEvent[]);
      expect(state.status).not.toBe('none');
    }
    for (const event of log) {
      expect(Object.keys(event.metadata).sort()).toEqual(['actor', 'causationId', 'correlationId', 'hash', 'occurredAt', 'previousHash', 'schemaVersion']);
      expect(event.metadata).toEqual(expect.objectContaining({ actor: 'seed', causationId: null, schemaVersion: EVENT_SCHEMA_VERSIONS[event.type as DomainEventType] }));
    }
    const types = new Set(log.map((event) => event.type));
    for (const type of ['PartnerManagerReassigned', 'CommissionPaidOut', 'CommissionReversed', 'InvoiceSettled', 'MdfDeliverableReceived', 'PartnerTierChanged', 'TeammateRoleChanged']) {
      expect(types).toContain(type);
    }
    const overrides = log.filter((event) => event.type === 'PartnerOffboarded' && event.data.override !== null);
    expect(overrides.length).toBeGreaterThan(0);
  });

  it('projects partners in every status, revenue per manager and open clearances', async () => {
    await rebuildProjections(READ_MODEL_PROJECTIONS, { store: first.store, readModel: first.client, lagCounter: sqlLogLagCounter(first.client) });

    for (const status of PARTNERSHIP_STATUSES) {
      expect({ status, found: (await listAllPartners(first.client, { status })).items.length > 0 }).toEqual({ status, found: true });
    }
    const performance = await readManagerPerformance(first.client, { from: YEAR_AGO, to: END_AT, interval: 'month', currency: 'USD', attribution: 'at-event' });
    const managed = performance.series.filter((series) => series.managerId !== null && series.buckets.some((bucket) => bucket.totalRevenueMinor > 0));
    expect(managed.length).toBeGreaterThan(1);
    const clearances = await Promise.all((await listAllPartners(first.client, { limit: 200 })).items.map((item) => readClearance(first.client, item.partnerId)));
    expect(clearances.some((clearance) => clearance !== null && !clearance.cleared)).toBe(true);
  });

  it('refuses to write the program of the same seed again, writing nothing', async () => {
    await expect(seedProgram(first.store, { partners: 5, seed: 7, endAt: END_AT })).rejects.toThrow(SeedAlreadyWrittenError);
    expect((await readWholeLog(first.store)).length).toBe(result.events);
  });
});
