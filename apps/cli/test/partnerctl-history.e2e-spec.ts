import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createSqlEventStore, EMPTY_STREAM_TIP, sealEvents, type NewEvent, type SqlEventStore } from '@partnerships/event-store';
import { postgresTestSchema, testDatabaseUrl } from '@partnerships/event-store/testing';
import { partnerAsOf, partnerHistory, readPartnerHistoryEvents } from '@partnerships/projections';
import { PARTNERCTL_MAIN, partnerctl } from './support/partnerctl.process';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function newEvent(type: string, data: Record<string, unknown>, occurredAt: string): NewEvent {
  return { eventId: randomUUID(), type, data, metadata: { occurredAt, actor: 'importer', correlationId: randomUUID(), causationId: null, schemaVersion: 1 } };
}

/** Appends sealed, as the API's command runner writes them. */
async function appendSealed(store: SqlEventStore, streamId: string, events: readonly NewEvent[]): Promise<void> {
  await store.appendToStream(streamId, sealEvents(streamId, EMPTY_STREAM_TIP, events), { expectedVersion: 'no_stream' });
}

describe('partnerctl history and state, against PostgreSQL', () => {
  const schema = postgresTestSchema('cli_history');
  const storeEnv = { DATABASE_URL: testDatabaseUrl, DATABASE_SCHEMA: schema.schema };
  let store: SqlEventStore;

  beforeAll(async () => {
    expect(existsSync(PARTNERCTL_MAIN)).toBe(true); // `npm test` builds first; alone, run `npm run build`
    ({ store } = await createSqlEventStore({ databaseUrl: schema.databaseUrl, schema: schema.schema }));
    await appendSealed(store, 'teammate-mia', [newEvent('TeammateAdded', { teammateId: 'mia', name: 'Mia', email: 'mia@co.example', role: 'teammate' }, '2026-01-01T09:00:00.000Z')]);
    const acme = (type: string, data: Record<string, unknown>, occurredAt: string) => newEvent(type, { partnerId: 'acme', ...data }, occurredAt);
    await appendSealed(store, 'partnership-acme', [
      acme('PartnerSelected', { name: 'Acme', contactName: null, contactEmail: 'dana@acme.example', type: 'reseller', tier: 'silver', reason: null }, '2026-01-05T10:00:00.000Z'),
      acme('PartnerManagerReassigned', { managerId: 'mia', previousManagerId: null }, '2026-01-06T10:00:00.000Z'),
      acme('PartnerOnboarded', { notes: null }, '2026-01-10T10:00:00.000Z'),
      acme('PartnerEnabled', { notes: null }, '2026-01-15T10:00:00.000Z'),
      acme('CommissionEarned', { commissionId: 'c1', customerId: 'k1', saleAmount: usd(100000), commissionAmount: usd(10000), leadId: null }, '2026-03-01T10:00:00.000Z'),
      // Imported late: a sale of January 20th.
      acme('CommissionEarned', { commissionId: 'c2', customerId: 'k2', saleAmount: usd(50000), commissionAmount: usd(5000), leadId: null }, '2026-01-20T10:00:00.000Z'),
    ]);
  });

  afterAll(async () => {
    await store?.close();
    await schema.drop();
  });

  it('prints the timeline as JSON, the document of the HTTP route, hash chain included', async () => {
    const run = await partnerctl(['history', 'acme', '--json'], storeEnv);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const history = JSON.parse(run.stdout);
    const { partnerEvents } = await readPartnerHistoryEvents(store, 'acme');
    expect(history).toEqual(JSON.parse(JSON.stringify(partnerHistory('acme', partnerEvents))));
    expect(history.version).toBe(6);
    expect(history.events[0].previousHash).toBeNull();
    expect(history.events[5].previousHash).toBe(history.events[4].hash);
    expect(history.events[5].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('prints the state as of a date by business time as JSON, the backdated commission counted', async () => {
    const run = await partnerctl(['state', 'acme', '--as-of', '2026-01-31', '--by', 'occurred', '--json'], storeEnv);

    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    const answer = JSON.parse(run.stdout);
    const events = await readPartnerHistoryEvents(store, 'acme');
    expect(answer).toEqual(JSON.parse(JSON.stringify(partnerAsOf({ partnerId: 'acme', ...events, asOf: '2026-01-31', by: 'occurred' }))));
    expect(answer).toEqual(expect.objectContaining({ asOf: '2026-01-31T23:59:59.999Z', by: 'occurred', version: 5 }));
    expect(answer.partner).toEqual(expect.objectContaining({ status: 'enabled', manager: { id: 'mia', name: 'Mia', email: 'mia@co.example' }, revenue: { USD: 50000 } }));
    expect(answer.clearance).toEqual({ partnerId: 'acme', cleared: false, blockers: [{ kind: 'unpaid_commission', id: 'c2', amount: usd(5000) }] });
  });

  it('says there is no such partner, on one line, with exit code 1', async () => {
    const run = await partnerctl(['history', 'p-x'], storeEnv);

    expect(run).toEqual({ code: 1, stdout: '', stderr: 'partnerctl: no partner "p-x" in the log\n' });
  });

  it('refuses a date it cannot read with a usage error naming the option, before opening the store', async () => {
    const run = await partnerctl(['state', 'acme', '--as-of', '2026-02-30'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });

    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^partnerctl: --as-of 2026-02-30: must be an ISO 8601 instant .*\n$/);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
