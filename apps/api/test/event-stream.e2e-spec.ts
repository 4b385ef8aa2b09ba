import { startTestApp, TEST_OWNER_KEY, type TestApp } from './support/test-app';
import { EventStreams } from '../src/events/stream-events/event-streams';

/** One SSE message as a client sees it. */
interface SseMessage {
  readonly id?: string;
  readonly data?: string;
  readonly comment?: string;
}

/** Opens `GET /v1/events/stream` over a real socket and parses messages as they arrive. */
async function openStream(baseUrl: string, headers: Record<string, string> = {}, query = '') {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/v1/events/stream${query}`, {
    headers: { authorization: `Bearer ${TEST_OWNER_KEY}`, ...headers },
    signal: controller.signal,
  });
  const messages: SseMessage[] = [];
  let ended = false;
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const reading = (async () => {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          ended = true;
          return;
        }
        buffered += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffered.indexOf('\n\n')) >= 0) {
          const block = buffered.slice(0, end);
          buffered = buffered.slice(end + 2);
          const message: Record<string, string> = {};
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) message.comment = line.slice(1).trim();
            else if (line.startsWith('id: ')) message.id = line.slice(4);
            else if (line.startsWith('data: ')) message.data = line.slice(6);
          }
          messages.push(message);
        }
      }
    } catch {
      // aborted by the test
    }
  })();
  return {
    response,
    messages,
    /** Whether the server ended the stream. */
    ended: () => ended,
    events: () => messages.filter((m) => m.data !== undefined).map((m) => ({ id: m.id, event: JSON.parse(m.data!) })),
    async close() {
      controller.abort();
      await reading;
    },
  };
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const select = (api: TestApp, partnerId: string) =>
  api.request('POST', '/v1/partners', { partnerId, name: partnerId, contactEmail: `hello@${partnerId}.example`, type: 'referral' });

describe.each(['pglite', 'postgres'] as const)('GET /v1/events/stream on %s', (kind) => {
  let api: TestApp;
  let baseUrl: string;

  beforeAll(async () => {
    api = await startTestApp(kind, {}, { eventStreamHeartbeatMs: 150 });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    baseUrl = baseUrl.replace('[::1]', '127.0.0.1');
  });
  afterAll(() => api.close());

  it('sends the log from the start, then new events as they commit, each with its position as id', async () => {
    expect((await select(api, 'stream-a')).status).toBe(201);
    const stream = await openStream(baseUrl);
    try {
      expect(stream.response.status).toBe(200);
      expect(stream.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
      await waitFor(() => stream.events().some((e) => e.event.streamId === 'partnership-stream-a'), 'the first partner');
      expect((await select(api, 'stream-b')).status).toBe(201);
      await waitFor(() => stream.events().some((e) => e.event.streamId === 'partnership-stream-b'), 'a live event');

      const page = await api.request('GET', '/v1/events?limit=1000');
      const sent = stream.events();
      expect(sent.map((e) => e.event)).toEqual(page.body.items.slice(0, sent.length));
      expect(sent.every((e) => e.id === e.event.position)).toBe(true);
    } finally {
      await stream.close();
    }
  });

  it('resumes after Last-Event-ID, or after ?after= when a client starts from a known position', async () => {
    const page = await api.request('GET', '/v1/events?limit=1000');
    const items = page.body.items as Array<{ position: string }>;
    const from = items[0].position;
    for (const [headers, query] of [[{ 'last-event-id': from }, ''], [{}, `?after=${from}`]] as const) {
      const stream = await openStream(baseUrl, headers, query);
      try {
        await waitFor(() => stream.events().length === items.length - 1, 'the rest of the log');
        expect(stream.events().map((e) => e.id)).toEqual(items.slice(1).map((e) => e.position));
      } finally {
        await stream.close();
      }
    }
  });

  it('from ?after=head sends only what commits after it opened', async () => {
    const stream = await openStream(baseUrl, {}, '?after=head');
    try {
      await waitFor(() => stream.messages.some((m) => m.comment === 'connected'), 'the stream to open');
      expect((await select(api, 'stream-after-head')).status).toBe(201);
      await waitFor(() => stream.events().length > 0, 'the new event');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(stream.events().map((e) => e.event.streamId)).toEqual(['partnership-stream-after-head']);
    } finally {
      await stream.close();
    }
  });

  it('sends heartbeat comments while the log is idle, and frees the stream when the client leaves', async () => {
    const streams = api.app.get(EventStreams);
    const stream = await openStream(baseUrl);
    await waitFor(() => stream.messages.filter((m) => m.comment === 'heartbeat').length >= 2, 'two heartbeats');
    expect(streams.openStreams).toBeGreaterThanOrEqual(1);
    await stream.close();
    await waitFor(() => streams.openStreams === 0, 'the stream to be freed');
  });

  it('ends the stream of a key revoked while it is open, and refuses it when it comes back', async () => {
    const teammateId = `sse-${kind}`;
    expect((await api.request('POST', '/v1/teammates', { teammateId, name: teammateId, email: `${teammateId}@co.example`, role: 'viewer' })).status).toBe(201);
    const issued = await api.request('POST', '/v1/api-keys', { name: 'dashboard', teammateId });
    const key = { authorization: `Bearer ${issued.body.secret}` };
    const stream = await openStream(baseUrl, key, '?after=head');
    try {
      await waitFor(() => stream.messages.some((m) => m.comment === 'heartbeat'), 'a heartbeat');
      expect((await api.request('DELETE', `/v1/api-keys/${issued.body.keyId}`, { reason: 'left the team' })).status).toBe(200);
      await waitFor(() => stream.ended(), 'the server to end the stream');
      expect((await select(api, `after-revocation-${kind}`)).status).toBe(201);
      expect(stream.events().map((e) => e.event.streamId)).not.toContain(`partnership-after-revocation-${kind}`);
    } finally {
      await stream.close();
    }
    expect((await api.request('GET', '/v1/events/stream?after=head', undefined, key)).status).toBe(401);
  });

  it('refuses a missing key with 401 and a malformed Last-Event-ID with a 400 problem', async () => {
    const anonymous = await api.request('GET', '/v1/events/stream', undefined, { authorization: '' });
    expect(anonymous.status).toBe(401);
    const malformed = await api.request('GET', '/v1/events/stream', undefined, { 'last-event-id': 'abc' });
    expect(malformed.status).toBe(400);
    expect(malformed.headers['content-type']).toContain('application/problem+json');
    expect(malformed.body.errors).toEqual([expect.objectContaining({ path: 'headers.last-event-id' })]);
    const badQuery = await api.request('GET', '/v1/events/stream?after=-1');
    expect(badQuery.status).toBe(400);
  });
});

describe('an application stopping with an open event stream', () => {
  it('ends the stream and closes', async () => {
    const api = await startTestApp('pglite');
    await api.app.listen(0, '127.0.0.1');
    const stream = await openStream((await api.app.getUrl()).replace('[::1]', '127.0.0.1'));
    await waitFor(() => stream.messages.length > 0, 'the stream to open');
    const closing = api.close();
    await closing;
    await stream.close();
  });
});
