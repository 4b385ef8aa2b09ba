import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { RowSelectionState, SortingState } from '@tanstack/react-table';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { partnersPageQuery, teammatesQuery } from '../../api/shared-queries';
import { useMay, useSession } from '../../session/session';
import { ProblemMessage } from '../../ui/problem-message';
import { AssignManager } from './assign-manager';
import { exportPartnersCsv } from './export-csv';
import { PartnersFilters } from './partners-filters';
import { filterFromSearch, searchFromFilter, type PartnersFilter } from './partners-query';
import { apiSortFrom, PartnersTable, sortingFromApi } from './partners-table';

/** All Partners: filters and sort in the URL, cursor paging, bulk manager assignment, CSV export, live refresh. */
export function AllPartnersPage() {
  const { api } = useSession();
  const mayOperate = useMay('operate');
  const [search, setSearch] = useSearchParams();
  const filter = filterFromSearch(search);
  // Cursors of the pages before this one, for "Previous". They belong to one filter and sort: kept
  // with it, so that no render ever pairs a new filter with an old cursor (the URL and this state
  // do not change in the same render).
  const filterKey = searchFromFilter(filter).toString();
  const [paging, setPaging] = useState<{ readonly filterKey: string; readonly cursors: readonly string[] }>({ filterKey, cursors: [] });
  const cursors = paging.filterKey === filterKey ? paging.cursors : [];
  const setCursors = (next: readonly string[]) => setPaging({ filterKey, cursors: next });
  const cursor = cursors[cursors.length - 1];
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [exported, setExported] = useState<string | null>(null);
  const [exportError, setExportError] = useState<unknown>(null);

  const teammates = useQuery(teammatesQuery());
  const page = useQuery({ ...partnersPageQuery(filter, cursor), placeholderData: keepPreviousData });

  const changeFilter = (next: PartnersFilter) => {
    setSearch(searchFromFilter(next), { replace: true });
    setSelection({});
  };
  const sorting = sortingFromApi(filter.sort);
  const changeSorting = (next: SortingState) => changeFilter({ ...filter, sort: apiSortFrom(next) as PartnersFilter['sort'] });
  const selected = Object.keys(selection).filter((id) => selection[id]);

  async function exportCsv() {
    setExportError(null);
    try {
      let exportedRows = 0;
      const blob = await exportPartnersCsv(api, filter, (rows) => {
        exportedRows = rows;
        setExported(`Exporting… ${rows} partners`);
      });
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = 'partners.csv';
      link.click();
      URL.revokeObjectURL(link.href);
      setExported(`Exported ${exportedRows} partners to partners.csv`);
    } catch (error) {
      setExportError(error);
      setExported(null);
    }
  }

  return (
    <section aria-labelledby="all-partners-title">
      <h1 id="all-partners-title">All Partners</h1>
      <PartnersFilters filter={filter} teammates={teammates.data ?? []} onChange={changeFilter} />
      <div className="toolbar">
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <span role="status">{exported}</span>
        <ProblemMessage error={exportError} />
      </div>
      {mayOperate && (
        <AssignManager partnerIds={selected} teammates={teammates.data ?? []} onAssigned={() => setSelection({})} />
      )}
      <ProblemMessage error={page.error} />
      {page.data !== undefined && (
        <PartnersTable
          items={page.data.items}
          sorting={sorting}
          onSortingChange={changeSorting}
          selection={mayOperate ? { state: selection, onChange: setSelection } : undefined}
        />
      )}
      {page.isPending && <p role="status">Loading partners…</p>}
      <nav className="pager" aria-label="Pages">
        <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
          Previous page
        </button>
        <button
          type="button"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          Next page
        </button>
      </nav>
    </section>
  );
}
