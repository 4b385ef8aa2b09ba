import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient, ApiProblem } from '../api/api-client';
import type { WhoAmI } from '../api/api-types';
import { KEY_ITEM, api } from '../api/console-client';
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
  const [key, setKey] = useState<string | null>(() => sessionStorage.getItem(KEY_ITEM));
  const queryClient = useQueryClient();

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY_ITEM);
    setKey(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => api.onUnauthorized(signOut), [signOut]);

  const me = useQuery(meQuery(key));
  // The route loaders may have asked /v1/me before the listener above was registered.
  const refused = me.error instanceof ApiProblem && me.error.status === 401;
  useEffect(() => {
    if (refused) signOut();
  }, [refused, signOut]);

  const signIn = useCallback(
    async (candidate: string) => {
      const trial = new ApiClient(() => candidate);
      const who = await trial.get<WhoAmI>('/v1/me');
      sessionStorage.setItem(KEY_ITEM, candidate);
      queryClient.setQueryData(['me', candidate], who);
      setKey(candidate);
      return who;
    },
    [queryClient],
  );

  const value = useMemo(() => ({ api, signedIn: key !== null, me: me.data, signIn, signOut }), [key, me.data, signIn, signOut]);
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
