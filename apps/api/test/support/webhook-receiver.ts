import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { Webhook } from 'standardwebhooks';

/** One POST the receiver got, as it arrived. */
export interface ReceivedWebhook {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly id: string;
  /** The CloudEvent, parsed. */
  readonly event: { readonly id: string; readonly type: string; readonly subject: string; readonly position: string; readonly data: Record<string, unknown> } & Record<string, unknown>;
  readonly receivedAt: number;
}

/**
 * A real HTTP receiver on 127.0.0.1 that verifies every delivery with the `standardwebhooks`
 * package (written by others) against the secrets it is given, answering with `answer()`'s status.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Deliveries whose signature verified with none of the secrets. */
  readonly unverified: string[] = [];
  secrets: string[] = [];
  answer: (request: { id: string; count: number }) => number | Promise<number> = () => 200;
  private server: Server | null = null;
  private count = 0;

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', async () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const id = String(request.headers['webhook-id']);
        const status = await this.answer({ id, count: ++this.count });
        if (status >= 200 && status < 300) {
          const headers = { 'webhook-id': id, 'webhook-timestamp': String(request.headers['webhook-timestamp']), 'webhook-signature': String(request.headers['webhook-signature']) };
          const verified = this.secrets.some((secret) => {
            try {
              new Webhook(secret).verify(body, headers);
              return true;
            } catch {
              return false;
            }
          });
          if (!verified) this.unverified.push(id);
          this.received.push({ headers: request.headers, body, id, event: JSON.parse(body), receivedAt: Date.now() });
        }
        response.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'try again later');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const address = this.server.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    return `http://127.0.0.1:${address.port}/hooks`;
  }

  /** The accepted deliveries of one subject (partner), in the order they arrived. */
  typesOf(subject: string): string[] {
    return this.received.filter((r) => r.event.subject === subject).map((r) => r.event.type);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

/** Host names of the tests resolve through this table only: no test ever asks a real DNS server. */
export function tableResolver(names: Record<string, readonly string[]>): (host: string) => Promise<readonly string[]> {
  return async (host) => names[host] ?? [];
}
