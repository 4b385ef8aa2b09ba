import type { ListPartnersQueryParams } from '../../api/api-types';

/** The filters and sort of the All Partners view, as they stand in the URL. */
export type PartnersFilter = Pick<ListPartnersQueryParams, 'managerId' | 'status' | 'type' | 'tier' | 'q' | 'sort' | 'currency'>;

export const FILTER_FIELDS = ['managerId', 'status', 'type', 'tier', 'q', 'sort', 'currency'] as const satisfies readonly (keyof PartnersFilter)[];

export function filterFromSearch(search: URLSearchParams): PartnersFilter {
  const filter: Record<string, string> = {};
  for (const field of FILTER_FIELDS) {
    const value = search.get(field);
    if (value !== null && value !== '') filter[field] = value;
  }
  return filter as PartnersFilter;
}

export function searchFromFilter(filter: PartnersFilter): URLSearchParams {
  const search = new URLSearchParams();
  for (const field of FILTER_FIELDS) {
    const value = filter[field];
    if (value !== undefined && value !== '') search.set(field, value);
  }
  return search;
}
