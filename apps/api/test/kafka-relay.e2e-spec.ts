import { createKafkaClient } from '@partnerships/messaging';
import { readWholeTopic, testKafkaBrokers } from '@partnerships/messaging/testing';
import { randomUUID } from 'node:crypto';
import { eventually, startTestApp, type StoreKind, type TestApp } from './support/test-app';

describe.each<StoreKind>(['postgres', 'eventstoredb'])('the API with KAFKA_BROKERS set (%s)', (kind) => {
  const topic = `api-relay-${randomUUID()}`;
  const kafka = createKafkaClient({ brokers: testKafkaBrokers(), clientId: 'api-relay-spec' });
  let api: TestApp;

  beforeAll(async () => {
    api = await startTestApp(kind, { KAFKA_BROKERS: testKafkaBrokers().join(','), KAFKA_TOPIC: topic, KAFKA_TOPIC_PARTITIONS: '3' });
  });
  afterAll(async () => {
    await api.close();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('publishes what its commands commit, in the partner order, with the request as correlation', async () => {
    const post = (url: string, body: unknown = {}) => api.request('POST', url, body, { 'x-correlation-id': 'req-relay-1' });
    expect((await post('/v1/teammates', { teammateId: 'olivia', name: 'Olivia', email: 'olivia@co.example', role: 'admin' })).status).toBe(201);
    expect((await post('/v1/partners', { partnerId: 'acme', name: 'Acme', contactEmail: 'dana@acme.example', type: 'reseller' })).status).toBe(201);
    expect((await api.request('PUT', '/v1/partners/acme/manager', { managerId: 'olivia' })).status).toBe(200);
    expect((await post('/v1/partners/acme/onboard', { notes: 'signed' })).status).toBe(200);

    // The first two events are the owner and its key, written at start-up.
    const records = await readWholeTopic(kafka, topic, 6);
    const acme = records.filter((record) => record.key === 'acme');
    expect(acme.map((record) => [record.headers.ce_type, record.headers.ce_streamversion])).toEqual([
      ['partnerships.PartnerSelected', '1'],
      ['partnerships.PartnerManagerReassigned', '2'],
      ['partnerships.PartnerOnboarded', '3'],
    ]);
    const [selected] = acme;
    expect(selected.headers).toMatchObject({ ce_subject: 'acme', ce_correlationid: 'req-relay-1', ce_source: '/partnerships', ce_actor: 'owner' });
    expect(JSON.parse(selected.value)).toMatchObject({ partnerId: 'acme', name: 'Acme', type: 'reseller' });
    expect(records.find((record) => record.key === 'olivia')?.headers.ce_type).toBe('partnerships.TeammateAdded');
  });

  it('counts what it published on /metrics', async () => {
    await eventually(async () => {
      const metrics = (await api.request('GET', '/metrics')).body as string;
      expect(metrics).toContain(`partnerships_relay_published_events_total{topic="${topic}"} 6`);
      expect(metrics).toContain(`partnerships_relay_lag_events{topic="${topic}"} 0`);
    });
  });
});
