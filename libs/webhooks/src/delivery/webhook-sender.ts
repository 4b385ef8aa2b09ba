import type { LookupAddress, LookupOptions } from 'node:dns';
import { isIPv6 } from 'node:net';
import { Agent, request } from 'undici';
import { WebhookUrlRefusedError, type WebhookUrlPolicy } from '../url-policy/webhook-url-policy';
import { retryAfterMs } from './retry-schedule';

export interface WebhookPost {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes that were signed. */
  readonly body: Buffer | string;
}

/** What one attempt came to: what the delivery log keeps of it. */
export type AttemptOutcome =
  | {
      readonly delivered: boolean;
      /** The receiver's status; a redirect is a failure (redirects are never followed). */
      readonly status: number;
      readonly latencyMs: number;
      /** The first bytes of the answer, for the delivery log. */
      readonly answer: string;
      readonly retryAfterMs: number | null;
    }
  | {
      readonly delivered: false;
      readonly status: null;
      readonly latencyMs: number;
      /** Why no answer came: refused by the URL policy, timeout, connection error. */
      readonly error: string;
      readonly retryAfterMs: null;
    };

export interface WebhookSenderOptions {
  readonly policy: WebhookUrlPolicy;
  /** The whole attempt, connection to last byte read; default 10 s. */
  readonly timeoutMs?: number;
  /** Bytes of the answer read and kept; default 1 KiB. The rest is not read. */
  readonly answerBytes?: number;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * POSTs a signed delivery. Every connection it opens asks the URL policy for the host's addresses
 * (the lookup undici's connector calls), so it can only ever connect where the policy allows, even
 * if the name resolves elsewhere since the endpoint was registered. Never follows a redirect, reads
 * at most `answerBytes` of the answer, gives up after `timeoutMs`.
 */
export class WebhookSender {
  private readonly agent: Agent;
  private readonly timeoutMs: number;
  private readonly answerBytes: number;

  constructor(options: WebhookSenderOptions) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.answerBytes = options.answerBytes ?? 1_024;
    const lookup = (hostname: string, lookupOptions: LookupOptions, callback: LookupCallback) => {
      options.policy.addressesFor(hostname).then(
        (addresses) => {
          const found = addresses.map((address) => ({ address, family: isIPv6(address) ? 6 : 4 }));
          if (lookupOptions.all === true) callback(null, found);
          else callback(null, found[0].address, found[0].family);
        },
        (error: unknown) => callback(Object.assign(new Error(error instanceof Error ? error.message : String(error)), { code: 'EWEBHOOKREFUSED' }), []),
      );
    };
    this.agent = new Agent({ connect: { lookup }, keepAliveTimeout: 30_000 });
  }

  async send(post: WebhookPost): Promise<AttemptOutcome> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(this.timeoutMs);
    try {
      const answer = await request(post.url, {
        method: 'POST',
        headers: { ...post.headers, 'user-agent': 'partnerships-webhooks/1' },
        body: post.body,
        dispatcher: this.agent,
        maxRedirections: 0,
        signal,
      });
      const text = await firstBytes(answer.body, this.answerBytes);
      const status = answer.statusCode;
      const retryAfter = status === 429 || status === 503 ? retryAfterMs(headerValue(answer.headers['retry-after']), new Date()) : null;
      return { delivered: status >= 200 && status < 300, status, latencyMs: elapsed(), answer: text, retryAfterMs: retryAfter };
    } catch (error) {
      return { delivered: false, status: null, latencyMs: elapsed(), error: describe(error, signal, this.timeoutMs), retryAfterMs: null };
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}

/** Reads up to `limit` bytes of an answer as text and drops the rest unread. */
async function firstBytes(body: AsyncIterable<Buffer> & { destroy(): void }, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= limit) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function headerValue(value: string | string[] | undefined): string | null {
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function describe(error: unknown, signal: AbortSignal, timeoutMs: number): string {
  if (signal.aborted) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  if (cause instanceof WebhookUrlRefusedError) return cause.message;
  if (cause instanceof Error) return 'code' in cause && typeof cause.code === 'string' ? `${cause.code}: ${cause.message}` : cause.message;
  return String(cause);
}
