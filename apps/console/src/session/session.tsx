import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client';
import type { WhoAmI } from '../api/api-types';

/** The key lives in this tab's sessionStorage only: closing the tab signs out. */
const KEY_ITEM = 'partnerships.apiKey';

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
  const api = useMemo(() => new ApiClient(() => sessionStorage.getItem(KEY_ITEM)), []);

  const signOut = useCallback(() => {
    sessionStorage.removeItem(KEY_ITEM);
    setKey(null);
    queryClient.clear();
  }, [queryClient]);

  useEffect(() => api.onUnauthorized(signOut), [api, signOut]);

  const me = useQuery({ queryKey: ['me', key], queryFn: () => api.get<WhoAmI>('/v1/me'), enabled: key !== null, staleTime: 60_000 });

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

  const value = useMemo(() => ({ api, signedIn: key !== null, me: me.data, signIn, signOut }), [api, key, me.data, signIn, signOut]);
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
