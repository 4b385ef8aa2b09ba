import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { EventStore, LogPosition, RecordedEvent } from '@partnerships/event-store';
import { followLog, HeadWatcher } from '@partnerships/log-follower';
import { EVENT_STORE } from '../../store/store.tokens';

export const EVENT_STREAM_OPTIONS = Symbol('EVENT_STREAM_OPTIONS');

export interface EventStreamOptions {
  /** A comment line this often keeps proxies and clients from closing an idle stream (default 15 s). */
  readonly heartbeatMs: number;
}

/** Events per read while a stream catches up: one page is all a connection ever holds. */
const PAGE_SIZE = 500;
/** Pull again this often at the head when no wake-up came. */
const IDLE_POLL_MS = 1000;

/**
 * Server-Sent Events of the global log (`GET /v1/events/stream`): each open stream follows the
 * log from its own position with the same loop as the projections and the relay, writes every
 * event as `id: <position>` + `data: <event JSON>`, waits for the socket to drain before reading
 * more, and sends a heartbeat comment while idle. The caller's credentials are checked again at
 * every heartbeat and before every page, so a revoked key or a removed teammate stops receiving the
 * log as it would be refused on its next request. A stream ends then, when its client leaves, when
 * the store fails (the client reconnects with Last-Event-ID) or when the application stops.
 */
@Injectable()
export class EventStreams implements OnModuleDestroy {
  private readonly logger = new Logger(EventStreams.name);
  private readonly open = new Set<() => void>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_STREAM_OPTIONS) private readonly options: EventStreamOptions,
  ) {}

  /** Where the readable log ends now: a stream from here sends only what commits later. */
  head(): Promise<LogPosition | null> {
    return this.store.headPosition();
  }

  get openStreams(): number {
    return this.open.size;
  }

  /**
   * Serves one stream on `response` until the client or the application ends it, or until
   * `stillAllowed` says the caller's credentials no longer reach the log.
   */
  async serve(response: ServerResponse, after: LogPosition | null, stillAllowed: () => Promise<boolean>): Promise<void> {
    let position = after;
    let stopped = false;
    const headWatcher = new HeadWatcher(this.store);
    const stop = (): void => {
      if (stopped) return;
      stopped = true;
      headWatcher.interrupt();
    };
    this.open.add(stop);
    response.once('close', stop);
    const allowed = async (): Promise<boolean> => {
      if (await stillAllowed()) return true;
      stop();
      return false;
    };
    const heartbeat = setInterval(() => {
      void allowed().then((yes) => {
        if (yes && !stopped) response.write(': heartbeat\n\n');
      });
    }, this.options.heartbeatMs);
    heartbeat.unref();
    try {
      // Tells EventSource clients how long to wait before reconnecting; then a first comment so
      // the client knows the stream is open even on an idle log.
      response.write('retry: 2000\n: connected\n\n');
      await followLog({
        store: this.store,
        headWatcher,
        batchSize: PAGE_SIZE,
        idlePollMs: IDLE_POLL_MS,
        position: () => position,
        stopping: () => stopped,
        onState: () => undefined,
        onProgress: () => undefined,
        handlePage: async (page) => {
          if (!(await allowed())) return;
          await writeEvents(response, page);
          position = page[page.length - 1].position;
        },
      });
    } catch (error) {
      if (!stopped) {
        this.logger.warn(`event stream ended at ${position ?? 'the start'}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      clearInterval(heartbeat);
      headWatcher.close();
      this.open.delete(stop);
      response.end();
    }
  }

  onModuleDestroy(): void {
    for (const stop of this.open) stop();
  }
}

/** Writes a page as SSE messages and waits for the socket to take them before the next read. */
async function writeEvents(response: ServerResponse, page: readonly RecordedEvent[]): Promise<void> {
  const text = page.map((event) => `id: ${event.position}\ndata: ${JSON.stringify(event)}\n\n`).join('');
  if (!response.write(text) && !response.destroyed) {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        response.off('drain', done);
        response.off('close', done);
        resolve();
      };
      response.on('drain', done);
      response.on('close', done);
    });
  }
}
