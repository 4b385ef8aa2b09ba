import type { SqlClient } from '@partnerships/event-store';
import type { DeliveredEvent } from '../envelope/delivered-event';
import { EventStreamConsumer } from './event-stream-consumer';
import { SqlProcessedEvents } from './sql-processed-events';
import { dedupDatabases, type OpenedDatabase } from './testing/dedup-databases';
import { EventTopicFixture, eventually, interleavedHistories, recordedPartnerEvent } from './testing/event-topic.fixture';

const databases = dedupDatabases('consumer');

interface HandledRow {
  readonly event_id: string;
  readonly partner: string;
  readonly version: number;
}

describe.each(databases)('an event stream consumer with its marks in %s', (_name, openDatabase) => {
  let db: OpenedDatabase;
  let topic: EventTopicFixture;
  let consumers: EventStreamConsumer<SqlClient>[];

  beforeEach(async () => {
    db = await openDatabase();
    await db.client.exec(`
      CREATE TABLE handled_events (seq bigserial PRIMARY KEY, event_id text NOT NULL, partner text NOT NULL, version int NOT NULL)`);
    consumers = [];
  });

  afterEach(async () => {
    for (const consumer of consumers) await consumer.stop();
    await topic?.delete();
    await db.close();
  });

  /** The read model of these tests: a row per handling, in handling order. */
  async function recordHandling(event: DeliveredEvent, tx: SqlClient): Promise<void> {
    await tx.query('INSERT INTO handled_events (event_id, partner, version) VALUES ($1, $2, $3)', [
      event.id,
      event.subject,
      event.streamVersion,
    ]);
  }

  function consumerOf(
    groupId: string,
    handle: (event: DeliveredEvent, tx: SqlClient) => Promise<void> = recordHandling,
    onFailure?: (error: Error) => void,
    maxBytesPerPartition?: number,
  ): EventStreamConsumer<SqlClient> {
    const consumer = new EventStreamConsumer({
      kafka: topic.kafka,
      topic: topic.topic,
      groupId,
      store: new SqlProcessedEvents(db.client),
      handle,
      retryDelayMs: { initial: 50, max: 500 },
      onFailure,
      maxBytesPerPartition,
    });
    consumers.push(consumer);
    return consumer;
  }

  async function handledRows(): Promise<HandledRow[]> {
    const { rows } = await db.client.query<HandledRow>('SELECT event_id, partner, version FROM handled_events ORDER BY seq');
    return rows;
  }

  async function handledCount(): Promise<number> {
    const { rows } = await db.client.query<{ count: number }>('SELECT count(*)::int AS count FROM handled_events');
    return rows[0].count;
  }

  function versionsByPartner(rows: readonly HandledRow[]): Record<string, number[]> {
    const byPartner: Record<string, number[]> = {};
    for (const row of rows) (byPartner[row.partner] ??= []).push(row.version);
    return byPartner;
  }

  function inOrder(partners: readonly string[], perPartner: number): Record<string, number[]> {
    const versions = Array.from({ length: perPartner }, (_, index) => index + 1);
    return Object.fromEntries(partners.map((partner) => [partner, versions]));
  }

  it('handles every event once, each partner in stream order', async () => {
    topic = await EventTopicFixture.create('consumer-order', 3);
    const partners = ['p1', 'p2', 'p3', 'p4', 'p5', 'p6'];
    const events = interleavedHistories(partners, 25);
    const consumer = consumerOf(topic.groupId());
    await consumer.start();
    await topic.publish(events);

    await eventually('every event is handled', () => consumer.status().handled === events.length);
    const rows = await handledRows();
    expect(new Set(rows.map((row) => row.event_id))).toEqual(new Set(events.map((event) => event.eventId)));
    expect(rows).toHaveLength(events.length);
    expect(versionsByPartner(rows)).toEqual(inOrder(partners, 25));
    expect(consumer.status()).toMatchObject({ state: 'running', duplicatesDropped: 0, errors: 0 });
  });

  it('handles events published twice (a relay restart) once and counts the copies as duplicates', async () => {
    topic = await EventTopicFixture.create('consumer-dupes', 2);
    const partners = ['p1', 'p2', 'p3'];
    const events = interleavedHistories(partners, 10);
    // The relay died after the broker's acknowledgement of the second half: it publishes it again.
    const republished = events.slice(15);
    await topic.publish(events);
    await topic.publish(republished);
    const consumer = consumerOf(topic.groupId());
    await consumer.start();

    await eventually(
      'every copy is consumed',
      () => consumer.status().handled + consumer.status().duplicatesDropped === events.length + republished.length,
    );
    expect(consumer.status()).toMatchObject({ handled: events.length, duplicatesDropped: republished.length });
    const rows = await handledRows();
    expect(rows).toHaveLength(events.length);
    expect(versionsByPartner(rows)).toEqual(inOrder(partners, 10));
  });

  it('rolls back a batch whose handler throws, retries it, and neither loses nor doubles an event', async () => {
    topic = await EventTopicFixture.create('consumer-retry', 2);
    const partners = ['p1', 'p2', 'p3', 'p4'];
    const events = interleavedHistories(partners, 10);
    const failing = events[17].eventId;
    let failures = 0;
    const consumer = consumerOf(topic.groupId(), async (event, tx) => {
      await recordHandling(event, tx);
      if (event.id === failing && failures === 0) {
        failures += 1;
        throw new Error('the read model is briefly unavailable');
      }
    });
    await consumer.start();
    await topic.publish(events);

    await eventually('every event is handled', () => consumer.status().handled === events.length);
    expect(failures).toBe(1);
    const rows = await handledRows();
    expect(rows).toHaveLength(events.length);
    expect(versionsByPartner(rows)).toEqual(inOrder(partners, 10));
    const status = consumer.status();
    expect(status).toMatchObject({ state: 'running', errors: 1, duplicatesDropped: 0 });
    expect(status.retrying).toBeUndefined();
  });

  it('shows the batch it retries in its status while the handler keeps failing', async () => {
    topic = await EventTopicFixture.create('consumer-retrying', 1);
    const events = interleavedHistories(['p1'], 3);
    let healthy = false;
    const consumer = consumerOf(topic.groupId(), async (event, tx) => {
      if (!healthy) throw new Error('read model down');
      await recordHandling(event, tx);
    });
    await consumer.start();
    await topic.publish(events);

    await eventually('the consumer retries', () => (consumer.status().retrying?.attempts ?? 0) >= 2);
    expect(consumer.status().retrying).toMatchObject({ partition: 0, offset: '0', message: 'read model down' });
    expect(await handledCount()).toBe(0);
    healthy = true;
    await eventually('every event is handled', () => consumer.status().handled === events.length);
    expect(consumer.status().retrying).toBeUndefined();
    expect(await handledCount()).toBe(events.length);
  });

  it('resumes in a new instance of the same group where a stopped one left off', async () => {
    topic = await EventTopicFixture.create('consumer-restart', 2);
    const partners = ['p1', 'p2', 'p3', 'p4'];
    const events = interleavedHistories(partners, 60);
    const groupId = topic.groupId();
    const slowly = async (event: DeliveredEvent, tx: SqlClient): Promise<void> => {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await recordHandling(event, tx);
    };
    // Small sends and small fetches: many short batches, so that the stop falls between two.
    for (let from = 0; from < events.length; from += 8) await topic.publish(events.slice(from, from + 8));
    const first = consumerOf(groupId, slowly, undefined, 4_096);
    await first.start();
    await eventually('the first consumer has handled some events', () => first.status().handled >= 20);
    await first.stop();
    const handledByFirst = first.status().handled;
    expect(first.status().state).toBe('stopped');
    expect(handledByFirst).toBeLessThan(events.length);
    expect(await handledCount()).toBe(handledByFirst);

    const second = consumerOf(groupId, slowly, undefined, 4_096);
    await second.start();
    await eventually('the rest is handled', async () => (await handledCount()) >= events.length);
    await second.stop();

    expect(second.status()).toMatchObject({ handled: events.length - handledByFirst, duplicatesDropped: 0 });
    const rows = await handledRows();
    expect(rows).toHaveLength(events.length);
    expect(versionsByPartner(rows)).toEqual(inOrder(partners, 60));
  });

  it('stops at a message that is not one of our events, naming its partition and offset', async () => {
    topic = await EventTopicFixture.create('consumer-undecodable', 1);
    const before = interleavedHistories(['p1'], 3);
    const after = [recordedPartnerEvent('p1', 4)];
    await topic.publish(before);
    await topic.send([{ key: 'p1', value: 'not a cloud event' }]);
    await topic.publish(after);
    const groupId = topic.groupId();
    let reported: Error | undefined;
    const consumer = consumerOf(groupId, recordHandling, (error) => (reported = error));
    await consumer.start();

    await eventually('the consumer fails', () => consumer.status().state === 'failed');
    expect(reported?.message).toMatch(/^Message at partition 0 offset 3 is not a partnerships CloudEvent/);
    expect(consumer.status()).toMatchObject({ handled: 3, failure: { partition: 0, offset: '3' } });
    expect((await handledRows()).map((row) => row.version)).toEqual([1, 2, 3]);
    await consumer.stop();
    expect(await topic.committedOffsets(groupId)).toEqual({ 0: '3' });
  });
});
