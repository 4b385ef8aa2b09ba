import {
  createColumnHelper,
  flexRender,
  getCoreRowModel,
  useReactTable,
  type RowSelectionState,
  type SortingState,
} from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import type { AllPartnersItem } from '../../api/api-types';
import { formatDate, formatMoneyMap } from '../../ui/format';

const column = createColumnHelper<AllPartnersItem>();

/** Column id → the API's sort key (the money columns sort by the amount in the filter's currency). */
export const SORT_KEYS: Readonly<Record<string, string>> = {
  name: 'name',
  status: 'status',
  type: 'type',
  tier: 'tier',
  manager: 'manager',
  leadCount: 'leadCount',
  revenue: 'revenue',
  outstanding: 'commissionsOutstanding',
  lastActivityAt: 'lastActivityAt',
};

const COLUMNS = [
  column.accessor('name', {
    id: 'name',
    header: 'Partner',
    cell: (info) => <Link to={`/partners/${encodeURIComponent(info.row.original.partnerId)}`}>{info.getValue()}</Link>,
  }),
  column.accessor('status', { id: 'status', header: 'Status' }),
  column.accessor('type', { id: 'type', header: 'Type' }),
  column.accessor('tier', { id: 'tier', header: 'Tier' }),
  column.accessor((row) => row.manager?.name ?? 'Unassigned', { id: 'manager', header: 'Partner Manager' }),
  column.accessor('leadCount', { id: 'leadCount', header: 'Leads' }),
  column.accessor((row) => formatMoneyMap(row.revenue), { id: 'revenue', header: 'Revenue' }),
  column.accessor((row) => formatMoneyMap(row.commissionsOutstanding), { id: 'outstanding', header: 'Commissions outstanding' }),
  column.accessor('lastActivityAt', { id: 'lastActivityAt', header: 'Last activity', cell: (info) => formatDate(info.getValue()) }),
];

export function sortingFromApi(sort: string | undefined): SortingState {
  const key = sort ?? 'name';
  const desc = key.startsWith('-');
  const id = Object.entries(SORT_KEYS).find(([, apiKey]) => apiKey === key.replace(/^-/, ''))?.[0] ?? 'name';
  return [{ id, desc }];
}

export function apiSortFrom(sorting: SortingState): string {
  const first = sorting[0] ?? { id: 'name', desc: false };
  return `${first.desc ? '-' : ''}${SORT_KEYS[first.id] ?? 'name'}`;
}

interface PartnersTableProps {
  readonly items: readonly AllPartnersItem[];
  readonly sorting: SortingState;
  readonly onSortingChange: (sorting: SortingState) => void;
  /** Row selection for bulk actions; absent when the caller may not act. */
  readonly selection?: { readonly state: RowSelectionState; readonly onChange: (state: RowSelectionState) => void };
}

/**
 * The All Partners table: TanStack Table holds the column model, sort state and row selection;
 * the rows are one page from the API, which does the sorting (manualSorting).
 */
export function PartnersTable({ items, sorting, onSortingChange, selection }: PartnersTableProps) {
  const table = useReactTable({
    data: items as AllPartnersItem[],
    columns: COLUMNS,
    getRowId: (row) => row.partnerId,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    enableSortingRemoval: false,
    enableRowSelection: selection !== undefined,
    state: { sorting, rowSelection: selection?.state ?? {} },
    onSortingChange: (updater) => onSortingChange(typeof updater === 'function' ? updater(sorting) : updater),
    onRowSelectionChange: (updater) => {
      if (selection === undefined) return;
      selection.onChange(typeof updater === 'function' ? updater(selection.state) : updater);
    },
  });

  return (
    <table className="partners">
      <caption className="visually-hidden">All Partners</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {selection !== undefined && (
              <th scope="col">
                <input
                  type="checkbox"
                  aria-label="Select every partner on this page"
                  checked={table.getIsAllPageRowsSelected()}
                  onChange={table.getToggleAllPageRowsSelectedHandler()}
                />
              </th>
            )}
            {group.headers.map((header) => {
              const sorted = header.column.getIsSorted();
              return (
                <th key={header.id} scope="col" aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}>
                  {header.column.getCanSort() ? (
                    <button type="button" className="sort" onClick={header.column.getToggleSortingHandler()}>
                      {flexRender(header.column.columnDef.header, header.getContext())}
                      <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                    </button>
                  ) : (
                    flexRender(header.column.columnDef.header, header.getContext())
                  )}
                </th>
              );
            })}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <tr key={row.id} data-partner-id={row.id}>
            {selection !== undefined && (
              <td>
                <input
                  type="checkbox"
                  aria-label={`Select ${row.original.name}`}
                  checked={row.getIsSelected()}
                  onChange={row.getToggleSelectedHandler()}
                />
              </td>
            )}
            {row.getVisibleCells().map((cell) => (
              <td key={cell.id} data-column={cell.column.id}>
                {flexRender(cell.column.columnDef.cell, cell.getContext())}
              </td>
            ))}
          </tr>
        ))}
        {items.length === 0 && (
          <tr>
            <td colSpan={COLUMNS.length + (selection === undefined ? 0 : 1)}>No partner matches these filters.</td>
          </tr>
        )}
      </tbody>
    </table>
  );
}
