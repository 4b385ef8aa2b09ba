import { queryOptions } from '@tanstack/react-query';
import type { PartnersFilter } from '../pages/all-partners/partners-query';
import type { AllPartnersPage, TeammateListing, WhoAmI } from './api-types';
import { readAfterSeen } from '../live/seen-position';
import { api } from './console-client';

/**
 * The reads that a component and a route loader both make, defined once so that the loader's
 * prefetch and the component's query share a cache entry.
 */
/** Who the tab's key belongs to: one entry, emptied when the session ends (never keyed by the secret). */
export const meQuery = (signedIn: boolean) =>
  queryOptions({ queryKey: ['me'], queryFn: () => api.get<WhoAmI>('/v1/me'), enabled: signedIn, staleTime: 60_000 });

export const teammatesQuery = () =>
  queryOptions({
    queryKey: ['teammates'],
    queryFn: () => api.get<{ items: TeammateListing[] }>('/v1/teammates').then((answer) => answer.items),
    staleTime: 30_000,
  });

export const PARTNERS_PAGE_SIZE = 50;

/** One page of All Partners, refetched by the live log when events land (live-log.tsx). */
export const partnersPageQuery = (filter: PartnersFilter, cursor: string | undefined) =>
  queryOptions({
    queryKey: ['partners', filter, cursor],
    queryFn: () => api.get<AllPartnersPage>('/v1/partners', { ...filter, cursor, limit: PARTNERS_PAGE_SIZE, minPosition: readAfterSeen() }),
  });
