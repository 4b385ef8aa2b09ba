import { randomBytes } from 'node:crypto';
import type { PartnershipCommandType } from '@partnerships/domain';
import { createSqlClient, createSqlEventStore, type RecordedEvent, type SqlClient } from '@partnerships/event-store';
import { postgresTestSchema, type PostgresTestSchema } from '@partnerships/event-store/testing';
import { createKafkaClient, ensureEventTopic, toKafkaEventMessage, type EventStreamConsumer } from '@partnerships/messaging';
import { testKafkaBrokers } from '@partnerships/messaging/testing';
import { Partitioners, type Kafka } from 'kafkajs';
import { partnershipCommand, type PartnershipCommandData } from '@partnerships/domain/testing';
import { deciderLedgers } from '../../../libs/projections/src/testing/decider-ledger';
import { DAILY_ACTIVITY_TABLE, DAILY_COMMISSIONS_TABLE } from './analytics.migration';
import { createDailyAnalyticsConsumer, prepareDailyAnalytics } from './daily-analytics.consumer';

const { PartnerLedger } = deciderLedgers();
const DAY_1 = '2024-03-01T09:00:00.000Z';
const DAY_2 = '2024-03-02T23:30:00.000Z';

/** Two partners' histories over two days, in two currencies, as the command side records them. */
async function recordHistory(): Promise<RecordedEvent[]> {
  const { store } = await createSqlEventStore();
  try {
    const sales: [string, string, number, number, string][] = [
      ['p1', 'USD', 100_000, 10_000, DAY_1],
      ['p1', 'USD', 50_000, 5_000, DAY_2],
      ['p2', 'EUR', 80_000, 12_000, DAY_1],
      ['p2', 'EUR', 20_000, 3_000, DAY_1],
    ];
    for (const partnerId of ['p1', 'p2']) {
      const partner = new PartnerLedger(partnerId);
      const run = async <T extends PartnershipCommandType>(
        type: T,
        data: Omit<PartnershipCommandData<T>, 'partnerId'>,
        at: string,
      ): Promise<void> => {
        const command = partnershipCommand(type, { partnerId, ...data }, new Date(at));
        if (!(await partner.run(store, command, at))) throw new Error(`${type} refused`);
      };
      await run('SelectPartner', { name: `Partner ${partnerId}`, contactEmail: 'contact@example.com', type: 'reseller' }, DAY_1);
      await run('OnboardPartner', {}, DAY_1);
      await run('EnablePartner', {}, DAY_1);
      await run('ReferLead', { leadId: `${partnerId}-lead`, customerName: 'Acme' }, DAY_1);
      for (const [index, [owner, currency, sale, commission, at]] of sales.entries()) {
        if (owner !== partnerId) continue;
        await run(
          'EarnCommission',
          {
            commissionId: `c${index}`,
            customerId: `customer-${index}`,
            saleAmount: { amountMinor: sale, currency },
            commissionAmount: { amountMinor: commission, currency },
          },
          at,
        );
      }
    }
    return await store.readAll({ limit: 1_000 });
  } finally {
    await store.close();
  }
}

/** What the tables should hold, computed from the events themselves. */
function expectedTables(events: readonly RecordedEvent[]) {
  const activity = new Map<string, number>();
  const commissions = new Map<string, { commissions: number; commission_minor: number; sale_minor: number }>();
  for (const event of events) {
    const day = event.metadata.occurredAt.slice(0, 10);
    activity.set(`${day}|${event.type}`, (activity.get(`${day}|${event.type}`) ?? 0) + 1);
    if (event.type !== 'CommissionEarned') continue;
    const { commissionAmount, saleAmount } = event.data as Record<string, { amountMinor: number; currency: string }>;
    const key = `${day}|${commissionAmount.currency}`;
    const row = commissions.get(key) ?? { commissions: 0, commission_minor: 0, sale_minor: 0 };
    commissions.set(key, {
      commissions: row.commissions + 1,
      commission_minor: row.commission_minor + commissionAmount.amountMinor,
      sale_minor: row.sale_minor + saleAmount.amountMinor,
    });
  }
  const split = (key: string) => key.split('|');
  return {
    activity: [...activity].sort().map(([key, events]) => ({ day: split(key)[0], event_type: split(key)[1], events })),
    commissions: [...commissions].sort().map(([key, row]) => ({ day: split(key)[0], currency: split(key)[1], ...row })),
  };
}

describe('the daily analytics consumer', () => {
  let schema: PostgresTestSchema;
  let client: SqlClient;
  let kafka: Kafka;
  let topic: string;
  let events: RecordedEvent[];
  let groupId: string;
  const consumers: EventStreamConsumer<SqlClient>[] = [];

  beforeAll(async () => {
    events = await recordHistory();
    schema = postgresTestSchema('analytics');
    client = await createSqlClient({ databaseUrl: schema.databaseUrl, schema: schema.schema, poolSize: 4 });
    await prepareDailyAnalytics(client);
    kafka = createKafkaClient({ brokers: testKafkaBrokers(), clientId: 'analytics-consumer-test' });
    topic = `analytics-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    groupId = `${topic}-group`;
    await ensureEventTopic(kafka, { topic, partitions: 3, replicationFactor: 1 });
  });

  afterAll(async () => {
    for (const consumer of consumers) await consumer.stop();
    const admin = kafka.admin();
    await admin.connect();
    await admin.deleteTopics({ topics: [topic] }).finally(() => admin.disconnect());
    await client.close();
    await schema.drop();
  });

  async function publish(recorded: readonly RecordedEvent[]): Promise<void> {
    const producer = kafka.producer({ allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: recorded.map(toKafkaEventMessage) });
    await producer.disconnect();
  }

  async function started(): Promise<EventStreamConsumer<SqlClient>> {
    const consumer = createDailyAnalyticsConsumer({ kafka, topic, groupId, client });
    consumers.push(consumer);
    await consumer.start();
    return consumer;
  }

  async function until(what: string, check: () => boolean): Promise<void> {
    for (const deadline = Date.now() + 20_000; !check(); await new Promise((resolve) => setTimeout(resolve, 50))) {
      if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    }
  }

  async function tables() {
    const activity = await client.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, event_type, events FROM ${DAILY_ACTIVITY_TABLE} ORDER BY day, event_type`,
    );
    const commissions = await client.query(
      `SELECT to_char(day, 'YYYY-MM-DD') AS day, currency, commissions, commission_minor::int AS commission_minor, sale_minor::int AS sale_minor
       FROM ${DAILY_COMMISSIONS_TABLE} ORDER BY day, currency`,
    );
    return { activity: activity.rows, commissions: commissions.rows };
  }

  it('counts each event of the topic on its business day, and each commission in its currency', async () => {
    await publish(events);
    const consumer = await started();
    await until('every event is handled', () => consumer.status().handled === events.length);

    const expected = expectedTables(events);
    expect(await tables()).toEqual(expected);
    expect(expected.commissions).toEqual([
      { day: '2024-03-01', currency: 'EUR', commissions: 2, commission_minor: 15_000, sale_minor: 100_000 },
      { day: '2024-03-01', currency: 'USD', commissions: 1, commission_minor: 10_000, sale_minor: 100_000 },
      { day: '2024-03-02', currency: 'USD', commissions: 1, commission_minor: 5_000, sale_minor: 50_000 },
    ]);
    await consumer.stop();
  });

  it('does not count again the events that the group gets redelivered or the relay publishes twice', async () => {
    // As after a crash between the read-model commit and the offset commit: the group starts over.
    const admin = kafka.admin();
    await admin.connect();
    await admin.resetOffsets({ groupId, topic, earliest: true }).finally(() => admin.disconnect());
    await publish(events.slice(-4));
    const consumer = await started();
    await until('every copy is consumed', () => consumer.status().duplicatesDropped === events.length + 4);

    expect(consumer.status()).toMatchObject({ handled: 0, errors: 0 });
    expect(await tables()).toEqual(expectedTables(events));
  });
});
