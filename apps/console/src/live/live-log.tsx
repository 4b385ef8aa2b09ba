import { fetchEventSource } from '@microsoft/fetch-event-source';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { tabSession } from '../api/console-client';
import { useSession } from '../session/session';

/** Events landing together move the screens once. */
const SETTLE_MS = 150;

export type LiveState = 'connecting' | 'live' | 'reconnecting';

interface LiveLog {
  readonly state: LiveState;
  /** The last event seen on the log since the console opened; null until one lands. */
  readonly position: string | null;
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

const LiveLogContext = createContext<LiveLog>({ state: 'connecting', position: null });

/**
 * Follows `GET /v1/events/stream?after=head` (with the bearer key, which EventSource cannot send)
 * and publishes the position of the last event that landed. Screens put it in their query keys
 * and send it as `minPosition`, so they refetch when the log moves and the read models answer
 * only once they include that event. A dropped connection resumes with Last-Event-ID.
 */
export function LiveLogProvider({ children }: { readonly children: ReactNode }) {
  const { api, signedIn, me } = useSession();
  // The log is for teammates (`read`); a partner key's screens refetch after its own commands.
  const follows = signedIn && me?.may.read === true;
  const [live, setLive] = useState<LiveLog>({ state: 'connecting', position: null });

  useEffect(() => {
    if (!follows) return undefined;
    const controller = new AbortController();
    let timer: ReturnType<typeof setTimeout> | null = null;
    let latest: string | null = null;
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
        setLive((current) => ({ ...current, state: 'live' }));
      },
      onmessage(message) {
        if (message.id === '' || message.data === '') return;
        latest = message.id;
        if (timer !== null) return;
        timer = setTimeout(() => {
          timer = null;
          setLive({ state: 'live', position: latest });
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
        setLive((current) => ({ ...current, state: opened ? 'reconnecting' : 'connecting' }));
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
