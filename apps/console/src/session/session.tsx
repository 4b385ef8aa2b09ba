import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client';
import type { WhoAmI } from '../api/api-types';
import { api, tabSession } from '../api/console-client';
import { meQuery } from '../api/shared-queries';

interface Session {
  readonly api: ApiClient;
  readonly signedIn: boolean;
  /** Who the key belongs to and what it may do; undefined while loading. */
  readonly me: WhoAmI | undefined;
  signIn(key: string): Promise<WhoAmI>;
  signOut(): void;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { readonly children: ReactNode }) {
  const key = useSyncExternalStore(tabSession.subscribe, tabSession.key);
  const queryClient = useQueryClient();
  const me = useQuery(meQuery(key !== null));

  const signIn = useCallback(
    async (candidate: string) => {
      const who = await new ApiClient(() => candidate).get<WhoAmI>('/v1/me');
      queryClient.setQueryData(meQuery(true).queryKey, who);
      tabSession.start(candidate);
      return who;
    },
    [queryClient],
  );

  const value = useMemo(() => ({ api, signedIn: key !== null, me: me.data, signIn, signOut: tabSession.end }), [key, me.data, signIn]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === null) throw new Error('useSession outside SessionProvider');
  return session;
}

/** Whether the signed-in caller holds a permission of the API's table (false while loading). */
export function useMay(permission: keyof WhoAmI['may']): boolean {
  return useSession().me?.may[permission] ?? false;
}
