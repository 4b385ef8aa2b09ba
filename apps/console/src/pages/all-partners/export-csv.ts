import type { ApiClient } from '../../api/api-client';
import type { AllPartnersItem, AllPartnersPage } from '../../api/api-types';
import type { PartnersFilter } from './partners-query';

const HEADER = ['partnerId', 'name', 'status', 'type', 'tier', 'managerId', 'managerName', 'leads', 'revenue', 'commissionsOutstanding', 'lastActivityAt'];

function cell(value: string | number): string {
  const text = String(value);
  // A cell a spreadsheet would run as a formula is quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const money = (map: Readonly<Record<string, number>>) =>
  Object.entries(map)
    .map(([currency, minor]) => `${currency} ${minor}`)
    .join('; ');

function row(item: AllPartnersItem): string {
  return [
    item.partnerId,
    item.name,
    item.status,
    item.type,
    item.tier,
    item.manager?.id ?? '',
    item.manager?.name ?? 'Unassigned',
    item.leadCount,
    money(item.revenue),
    money(item.commissionsOutstanding),
    item.lastActivityAt,
  ]
    .map(cell)
    .join(',');
}

/**
 * Every partner of the filter as CSV (money in minor units per currency), read page by page
 * (200 at a time) so that memory holds one page of rows; `onProgress` tells how many are done.
 */
export async function exportPartnersCsv(api: ApiClient, filter: PartnersFilter, onProgress: (rows: number) => void): Promise<Blob> {
  const parts: string[] = [`${HEADER.join(',')}\n`];
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await api.get<AllPartnersPage>('/v1/partners', { ...filter, limit: 200, cursor });
    if (page.items.length > 0) parts.push(`${page.items.map(row).join('\n')}\n`);
    rows += page.items.length;
    onProgress(rows);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return new Blob(parts, { type: 'text/csv;charset=utf-8' });
}
