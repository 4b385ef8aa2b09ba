import { QueryClient } from '@tanstack/react-query';
import { ApiClient, ApiProblem } from './api-client';

/**
 * The tab's one query cache. Module-level rather than made in a component so that the router's
 * loaders can start a page's reads before React first renders (see app-routes.tsx).
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A refusal (4xx) will not change by asking again; a 503 (projections behind) may.
      retry: (failures, error) => failures < 2 && !(error instanceof ApiProblem && error.status < 500),
      refetchOnWindowFocus: false,
    },
  },
});

/** The key lives in this tab's sessionStorage only: closing the tab signs out. */
const KEY_ITEM = 'partnerships.apiKey';
const sessionListeners = new Set<() => void>();

/**
 * The tab's session: the key, kept outside React so that any request (a route loader's too) that
 * meets a 401 signs the tab out the same way. React reads it with useSyncExternalStore.
 */
export const tabSession = {
  key: (): string | null => sessionStorage.getItem(KEY_ITEM),
  subscribe(listener: () => void): () => void {
    sessionListeners.add(listener);
    return () => sessionListeners.delete(listener);
  },
  start(key: string): void {
    sessionStorage.setItem(KEY_ITEM, key);
    sessionListeners.forEach((listener) => listener());
  },
  end(): void {
    sessionStorage.removeItem(KEY_ITEM);
    queryClient.clear();
    sessionListeners.forEach((listener) => listener());
  },
};

/** The tab's one API client: the key from the session on every call; a 401 ends the session. */
export const api = new ApiClient(tabSession.key, tabSession.end);
