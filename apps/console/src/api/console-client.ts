import { QueryClient } from '@tanstack/react-query';
import { ApiClient, ApiProblem } from './api-client';

/** The key lives in this tab's sessionStorage only: closing the tab signs out. */
export const KEY_ITEM = 'partnerships.apiKey';

/** The tab's one API client: it reads the key from the session on every call. */
export const api = new ApiClient(() => sessionStorage.getItem(KEY_ITEM));

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
