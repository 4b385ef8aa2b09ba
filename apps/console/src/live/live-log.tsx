import { fetchEventSource } from '@microsoft/fetch-event-source';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { QueryKey } from '@tanstack/react-query';
import { queryClient, tabSession } from '../api/console-client';
import { PARTNERSHIP_STREAM_PREFIX, TEAMMATE_STREAM_PREFIX } from '../api/domain-values';
import { useSession } from '../session/session';
import { recordSeen } from './seen-position';

/** Events landing together move the screens once. */
const SETTLE_MS = 150;

export type LiveState = 'connecting' | 'live' | 'reconnecting';

interface LiveLog {
  readonly state: LiveState;
}

/** What the events of one settle touched: partners by id, and whether a teammate changed. */
interface Touched {
  readonly partners: Set<string>;
  teammates: boolean;
}

/**
 * Whether a cached read can have changed with these events: the views over every partner always;
 * one partner's reads only when its own stream moved; the teammate list when a teammate's did.
 */
function affected(key: QueryKey, touched: Touched): boolean {
  switch (key[0]) {
    case 'partners':
    case 'manager-performance':
      return true;
    case 'partner':
    case 'clearance':
    case 'history':
    case 'manager-contact':
      return touched.partners.has(String(key[1]));
    case 'teammates':
      return touched.teammates;
    default:
      return false;
  }
}

/** The server refused the stream: a 4xx other than 429 is not retried (a 401 ends the session). */
class StreamRefused extends Error {
  constructor(
    readonly status: number,
    readonly retryAfterMs: number | null,
  ) {
    super(`event stream: HTTP ${status}`);
  }

  get final(): boolean {
    return this.status >= 400 && this.status < 500 && this.status !== 429;
  }
}

const LiveLogContext = createContext<LiveLog>({ state: 'connecting' });

/**
 * Follows `GET /v1/events/stream?after=head` (with the bearer key, which EventSource cannot send)
 * and, when events land, refetches the reads they can have changed (`affected`), which send the
 * last position seen as `minPosition` so the read models answer only once they include it. The
 * position stays out of the query keys: one cache entry per read, not one per event. A dropped
 * connection resumes with Last-Event-ID.
 */
export function LiveLogProvider({ children }: { readonly children: ReactNode }) {
  const { api, signedIn, me } = useSession();
  // The log is for teammates (`read`); a partner key's screens refetch after its own commands.
  const follows = signedIn && me?.may.read === true;
  const [live, setLive] = useState<LiveLog>({ state: 'connecting' });

  useEffect(() => {
    if (!follows) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest: string | null = null;
    let touched: Touched = { partners: new Set(), teammates: false };
    let opened = false;
    void fetchEventSource('/v1/events/stream?after=head', {
      headers: api.authorization(),
      signal: controller.signal,
      openWhenHidden: true,
      async onopen(response) {
        if (!response.ok) {
          if (response.status === 401) tabSession.end();
          const retryAfter = Number(response.headers.get('retry-after'));
          throw new StreamRefused(response.status, Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
        }
        opened = true;
        setLive({ state: 'live' });
      },
      onmessage(message) {
        if (message.id === '' || message.data === '') return;
        latest = message.id;
        const { streamId } = JSON.parse(message.data) as { streamId: string };
        if (streamId.startsWith(PARTNERSHIP_STREAM_PREFIX)) touched.partners.add(streamId.slice(PARTNERSHIP_STREAM_PREFIX.length));
        else if (streamId.startsWith(TEAMMATE_STREAM_PREFIX)) touched.teammates = true;
        if (timer !== null) return;
        timer = setTimeout(() => {
          timer = null;
          if (latest !== null) recordSeen(latest);
          const settled = touched;
          touched = { partners: new Set(), teammates: false };
          // Refetches what is on screen now; the rest is only marked stale.
          void queryClient.invalidateQueries({ predicate: (query) => affected(query.queryKey, settled) });
        }, SETTLE_MS);
      },
      // The server ended the stream (it stopped, or the store failed): reconnect after Last-Event-ID.
      onclose() {
        throw new Error('event stream closed');
      },
      onerror(error) {
        // Rethrown, it stops fetch-event-source: asking again with a refused key would only count
        // as failed authentications against the caller's address.
        if (error instanceof StreamRefused && error.final) throw error;
        setLive({ state: opened ? 'reconnecting' : 'connecting' });
        return error instanceof StreamRefused && error.retryAfterMs !== null ? error.retryAfterMs : 2000;
      },
    }).catch(() => undefined);
    return () => {
      controller.abort();
      if (timer !== null) clearTimeout(timer);
    };
  }, [api, follows]);

  return <LiveLogContext.Provider value={live}>{children}</LiveLogContext.Provider>;
}

export function useLiveLog(): LiveLog {
  return useContext(LiveLogContext);
}
