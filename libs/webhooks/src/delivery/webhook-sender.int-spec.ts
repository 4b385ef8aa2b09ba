import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookUrlPolicy, type HostResolver } from '../url-policy/webhook-url-policy';
import { WebhookSender } from './webhook-sender';

// Real HTTP receivers on 127.0.0.1; host names resolve through a table, so nothing else is reached.
type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

interface Receiver {
  readonly base: string;
  readonly received: { readonly path: string; readonly headers: IncomingMessage['headers']; readonly body: string }[];
  handle: Handler;
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const receiver = {
    base: '',
    received: [] as Receiver['received'][number][],
    handle: ((_request, _body, response) => response.end('ok')) as Handler,
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.received.push({ path: request.url ?? '', headers: request.headers, body });
      receiver.handle(request, body, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return Object.assign(receiver, {
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}

const names: Record<string, string[]> = { 'hooks.local.test': ['127.0.0.1'], 'sneaky.test': ['127.0.0.1'] };
const resolver: HostResolver = async (host) => names[host] ?? [];
const policy = new WebhookUrlPolicy({ allowHttp: true, allowedHosts: ['127.0.0.1', 'hooks.local.test'], resolve: resolver });

describe('sending a webhook to a receiver', () => {
  let receiver: Receiver;
  let sender: WebhookSender;

  beforeAll(async () => {
    receiver = await startReceiver();
    sender = new WebhookSender({ policy, timeoutMs: 500, answerBytes: 16 });
  });
  afterAll(async () => {
    await sender.close();
    await receiver.close();
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.handle = (_request, _body, response) => response.end('thanks');
  });

  it('posts the body and headers as given, and reports a 2xx as delivered with its latency and answer', async () => {
    const outcome = await sender.send({
      url: `${receiver.base}/hook?x=1`,
      headers: { 'content-type': 'application/cloudevents+json', 'webhook-id': 'evt-1' },
      body: '{"id":"evt-1"}',
    });
    expect(outcome).toMatchObject({ delivered: true, status: 200, answer: 'thanks', retryAfterMs: null });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(0);
    expect(receiver.received).toEqual([
      expect.objectContaining({ path: '/hook?x=1', body: '{"id":"evt-1"}', headers: expect.objectContaining({ 'webhook-id': 'evt-1', 'content-type': 'application/cloudevents+json' }) }),
    ]);
  });

  it('reaches a host name through the addresses the policy gives for it', async () => {
    const port = new URL(receiver.base).port;
    const outcome = await sender.send({ url: `http://hooks.local.test:${port}/named`, headers: {}, body: '{}' });
    expect(outcome).toMatchObject({ delivered: true, status: 200 });
    expect(receiver.received[0].headers.host).toBe(`hooks.local.test:${port}`);
  });

  it('keeps only the first bytes of a failing answer', async () => {
    receiver.handle = (_request, _body, response) => {
      response.statusCode = 500;
      response.end('x'.repeat(100_000));
    };
    const outcome = await sender.send({ url: `${receiver.base}/hook`, headers: {}, body: '{}' });
    expect(outcome).toMatchObject({ delivered: false, status: 500, answer: 'x'.repeat(16) });
  });

  it("reads a 429's or 503's Retry-After", async () => {
    receiver.handle = (_request, _body, response) => {
      response.writeHead(503, { 'retry-after': '30' }).end();
    };
    expect(await sender.send({ url: `${receiver.base}/hook`, headers: {}, body: '{}' })).toMatchObject({ delivered: false, status: 503, retryAfterMs: 30_000 });
  });

  it('does not follow a redirect: the attempt failed', async () => {
    receiver.handle = (_request, _body, response) => {
      response.writeHead(302, { location: `${receiver.base}/elsewhere` }).end();
    };
    expect(await sender.send({ url: `${receiver.base}/hook`, headers: {}, body: '{}' })).toMatchObject({ delivered: false, status: 302 });
    expect(receiver.received.map((request) => request.path)).toEqual(['/hook']);
  });

  it('gives up on a receiver that does not answer in time', async () => {
    receiver.handle = () => undefined;
    const outcome = await sender.send({ url: `${receiver.base}/hook`, headers: {}, body: '{}' });
    expect(outcome).toMatchObject({ delivered: false, status: null, error: 'no answer within 500 ms' });
    expect(outcome.latencyMs).toBeGreaterThanOrEqual(450);
  });

  it('reports a refused connection as a failed attempt', async () => {
    const closed = await startReceiver();
    await closed.close();
    const outcome = await sender.send({ url: `${closed.base}/hook`, headers: {}, body: '{}' });
    expect(outcome).toMatchObject({ delivered: false, status: null, error: expect.stringContaining('ECONNREFUSED') });
  });

  it('never connects to an address the policy refuses, even when the name resolves there later', async () => {
    const port = new URL(receiver.base).port;
    const outcome = await sender.send({ url: `http://sneaky.test:${port}/hook`, headers: {}, body: '{}' });
    expect(outcome).toMatchObject({ delivered: false, status: null, error: expect.stringContaining('not a public address') });
    expect(receiver.received).toEqual([]);
  });
});
