import { createSqlEventStore, type LogPosition, type RecordedEvent, type SqlEventStore } from '@partnerships/event-store';
import { eventually, newTestEvent, settledHead } from '@partnerships/event-store/testing';
import { LogFollower, type LogFollowerClient } from './log-follower';

/** A client that keeps what it handled and its checkpoint in memory, and fails when told to. */
class RecordingClient implements LogFollowerClient {
  readonly handled: string[] = [];
  stored: LogPosition | null = null;
  prepared = 0;
  failNextPages = 0;
  fatalOnType: string | null = null;

  async prepare(): Promise<void> {
    this.prepared += 1;
  }

  async readCheckpoint(): Promise<LogPosition | null> {
    return this.stored;
  }

  async handlePage(page: readonly RecordedEvent[], _from: LogPosition | null, committed: (to: LogPosition, events: number) => void): Promise<void> {
    if (page.some((event) => event.type === this.fatalOnType)) throw new Error('a fact the client cannot handle');
    if (this.failNextPages > 0) {
      this.failNextPages -= 1;
      throw new Error('the sink is away');
    }
    this.handled.push(...page.map((event) => event.eventId));
    this.stored = page[page.length - 1].position;
    committed(this.stored, page.length);
  }

  decide(error: unknown) {
    return error instanceof Error && error.message === 'a fact the client cannot handle' ? ('fatal' as const) : ('retry-after-backoff' as const);
  }
}

describe('the log follower', () => {
  let store: SqlEventStore;

  beforeAll(async () => {
    ({ store } = await createSqlEventStore({}));
  });
  afterAll(async () => {
    await store.close();
  });

  const append = async (count: number, type = 'Counted') => {
    const events = Array.from({ length: count }, () => newTestEvent(type));
    await store.appendToStream(`follow-${events[0].eventId}`, events, { expectedVersion: 'no_stream' });
    return events.map((event) => event.eventId);
  };

  it('catches up page by page, then follows live appends, each event once and in log order', async () => {
    const before = await append(25);
    const client = new RecordingClient();
    const follower = new LogFollower(client, { store, batchSize: 10, idlePollMs: 20 });
    follower.start();
    try {
      const live = await append(3);
      const head = await settledHead(store);
      const status = await eventually(() => follower.status(), (current) => current.position === head);
      expect(status).toMatchObject({ state: 'live', lag: 0, failures: 0 });
      const ours = new Set([...before, ...live]);
      // settledHead appends a marker of its own: only this test's events are compared.
      expect(client.handled.filter((id) => ours.has(id))).toEqual([...before, ...live]);
      expect(new Set(client.handled).size).toBe(client.handled.length);
      expect(client.prepared).toBe(1);
    } finally {
      await follower.stop();
    }
    expect((await follower.status()).state).toBe('stopped');
  });

  it('goes back to the stored checkpoint after a failure, and reports the retry until it recovers', async () => {
    const client = new RecordingClient();
    client.failNextPages = 3;
    const follower = new LogFollower(client, { store, batchSize: 50, idlePollMs: 20, retryDelayMs: { initial: 10, max: 40 } });
    follower.start();
    try {
      const retrying = await eventually(() => follower.status(), (current) => current.retrying !== undefined);
      expect(retrying.retrying).toEqual({ attempts: expect.any(Number), message: 'the sink is away' });
      const head = await settledHead(store);
      const recovered = await eventually(() => follower.status(), (current) => current.position === head);
      expect(recovered.retrying).toBeUndefined();
      expect(recovered.failures).toBe(3);
      expect(new Set(client.handled).size).toBe(client.handled.length);
    } finally {
      await follower.stop();
    }
  });

  it('stops in state failed on a failure the client calls fatal, at the last checkpoint it stored', async () => {
    const client = new RecordingClient();
    const follower = new LogFollower(client, { store, batchSize: 1_000, idlePollMs: 20 });
    follower.start();
    try {
      const head = await settledHead(store);
      await eventually(() => follower.status(), (current) => current.position === head);
      client.fatalOnType = 'Poisoned';
      await append(1, 'Poisoned');
      const failed = await eventually(() => follower.status(), (current) => current.state === 'failed');
      expect(failed.position).toBe(head);
      expect(failed.failure).toEqual(new Error('a fact the client cannot handle'));
    } finally {
      await follower.stop();
    }
    expect((await follower.status()).state).toBe('failed');
  });
});
