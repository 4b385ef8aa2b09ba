import type { SqlClient } from '@partnerships/event-store';
import {
  ALL_PARTNERS_ACTIVITY_TABLE,
  ALL_PARTNERS_MONEY_TABLE,
  ALL_PARTNERS_PARTNERS_TABLE,
  ALL_PARTNERS_TEAMMATES_TABLE,
} from './all-partners.projection';

/** Currency → integer minor units; currencies whose total is zero are left out. */
export type MoneyMap = Readonly<Record<string, number>>;

export interface AllPartnersManager {
  readonly id: string;
  readonly name: string;
  readonly email: string;
}

export interface AllPartnersItem {
  readonly partnerId: string;
  readonly name: string;
  readonly status: string;
  readonly type: string;
  readonly tier: string;
  /** Null while no manager is assigned. */
  readonly manager: AllPartnersManager | null;
  /** ISO 8601 (UTC, milliseconds): business time of PartnerSelected. */
  readonly joinedAt: string;
  readonly leadCount: number;
  /** Sale amounts of earned commissions, less those reversed. */
  readonly revenue: MoneyMap;
  /** Commission amounts earned, less those reversed. */
  readonly commissionsEarned: MoneyMap;
  readonly commissionsPaid: MoneyMap;
  /** Earned (net of reversals) less paid, never below zero. */
  readonly commissionsOutstanding: MoneyMap;
  /** ISO 8601 (UTC, milliseconds): the latest business time among the partner's events. */
  readonly lastActivityAt: string;
}

export interface AllPartnersPage {
  readonly items: readonly AllPartnersItem[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

/**
 * Every column of the view. The money sorts (revenue, commissionsOutstanding) order by the amount
 * in one currency (`currency`, default USD); a partner with none in it counts as zero.
 */
export const ALL_PARTNERS_SORTS = [
  'name',
  '-name',
  'joinedAt',
  '-joinedAt',
  'lastActivityAt',
  '-lastActivityAt',
  'status',
  '-status',
  'type',
  '-type',
  'tier',
  '-tier',
  'manager',
  '-manager',
  'leadCount',
  '-leadCount',
  'revenue',
  '-revenue',
  'commissionsOutstanding',
  '-commissionsOutstanding',
] as const;
export type AllPartnersSort = (typeof ALL_PARTNERS_SORTS)[number];

/** The currency of the money sorts when none is given. */
export const ALL_PARTNERS_DEFAULT_SORT_CURRENCY = 'USD';

export const ALL_PARTNERS_DEFAULT_LIMIT = 50;
export const ALL_PARTNERS_MAX_LIMIT = 200;

export interface ListAllPartnersOptions {
  /** A teammate id, or `unassigned` for partners without a manager. */
  readonly managerId?: string;
  readonly status?: string;
  readonly type?: string;
  readonly tier?: string;
  /** Case-insensitive substring of the name. */
  readonly q?: string;
  /** Default `name`; `-` sorts descending. Ties are broken by partner id in the same direction. */
  readonly sort?: AllPartnersSort;
  /** ISO 4217 code the money sorts order by (default USD); ignored by the other sorts. */
  readonly currency?: string;
  /** `nextCursor` of the previous page, with the same sort. */
  readonly cursor?: string;
  /** Default 50; clamped to 1..200. */
  readonly limit?: number;
}

/** A cursor that is not one this query issued for the requested sort. */
export class InvalidCursorError extends Error {
  constructor(detail: string) {
    super(`invalid cursor: ${detail}`);
    this.name = 'InvalidCursorError';
  }
}

/** A sort that is not one of `ALL_PARTNERS_SORTS`. */
export class InvalidSortError extends Error {
  constructor(readonly sort: string) {
    super(`invalid sort: ${sort}`);
    this.name = 'InvalidSortError';
  }
}

type SortField = Exclude<AllPartnersSort, `-${string}`>;

/**
 * The sort key, and the table alias whose indexes serve the sort: `(key, partner_id)` and
 * `(manager_id, key, partner_id)` (see the projection), so that the manager filter, the order and the
 * cursor are all taken from the same table. Name, joinedAt and lastActivityAt have those indexes;
 * the other sorts are a top-N sort of the filtered rows (see docs/performance.md). A manager sort
 * orders by the manager's name, unassigned partners first.
 */
type KeyCast = 'text' | 'timestamptz' | 'int' | 'bigint';

const SORT_COLUMNS: Readonly<Record<SortField, { readonly column: string; readonly table: 'p' | 'a'; readonly cast: KeyCast }>> = {
  name: { column: 'p.name_key', table: 'p', cast: 'text' },
  joinedAt: { column: 'p.joined_at', table: 'p', cast: 'timestamptz' },
  lastActivityAt: { column: 'a.last_activity_at', table: 'a', cast: 'timestamptz' },
  // Byte order, as the name key is: the same on every database whatever its locale.
  status: { column: 'p.status COLLATE "C"', table: 'p', cast: 'text' },
  type: { column: 'p.type COLLATE "C"', table: 'p', cast: 'text' },
  tier: { column: 'p.tier COLLATE "C"', table: 'p', cast: 'text' },
  manager: { column: `coalesce(t.name, '') COLLATE "C"`, table: 'p', cast: 'text' },
  leadCount: { column: 'a.lead_count', table: 'a', cast: 'int' },
  // `ms`: the partner's money row in the sort's currency (joined only for these two sorts).
  revenue: { column: 'coalesce(ms.revenue_minor, 0)', table: 'p', cast: 'bigint' },
  commissionsOutstanding: { column: 'greatest(coalesce(ms.earned_minor - ms.paid_minor, 0), 0)', table: 'p', cast: 'bigint' },
};

const MONEY_SORTS: ReadonlySet<SortField> = new Set(['revenue', 'commissionsOutstanding']);

/** Whether a cursor's key can be cast as its sort's column is (a forged cursor is a 400, not a 500). */
const KEY_FORMAT: Readonly<Record<KeyCast, (key: string) => boolean>> = {
  text: () => true,
  timestamptz: (key) => !Number.isNaN(Date.parse(key)),
  int: (key) => /^\d{1,9}$/.test(key),
  bigint: (key) => /^-?\d{1,18}$/.test(key),
};

const ISO_FORMAT = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;

interface Position {
  readonly key: string;
  readonly id: string;
}

/** A page's order: the sort, and for a money sort its currency (null for the others). */
interface Ordering {
  readonly sort: AllPartnersSort;
  readonly currency: string | null;
}

function encodeCursor({ sort, currency }: Ordering, position: Position): string {
  const fields = currency === null ? { s: sort } : { s: sort, c: currency };
  return Buffer.from(JSON.stringify({ ...fields, k: position.key, id: position.id }), 'utf8').toString('base64url');
}

function decodeCursor(cursor: string, { sort, currency }: Ordering): Position {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw new InvalidCursorError('not base64url');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('unreadable');
  }
  const { s, c, k, id } = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  if (typeof k !== 'string' || typeof id !== 'string' || typeof s !== 'string') {
    throw new InvalidCursorError('unreadable');
  }
  if (s !== sort) {
    throw new InvalidCursorError(`issued for sort ${s}, not ${sort}`);
  }
  if ((c ?? null) !== currency) {
    throw new InvalidCursorError(`issued for amounts in ${String(c)}, not ${String(currency)}`);
  }
  if (!KEY_FORMAT[SORT_COLUMNS[sortField(sort)].cast](k)) {
    throw new InvalidCursorError('unreadable');
  }
  return { key: k, id };
}

function sortField(sort: AllPartnersSort): SortField {
  return (sort.startsWith('-') ? sort.slice(1) : sort) as SortField;
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) {
    return ALL_PARTNERS_DEFAULT_LIMIT;
  }
  return Math.min(ALL_PARTNERS_MAX_LIMIT, Math.max(1, Math.floor(limit)));
}

/** `%`, `_` and `\` match themselves in `q`. */
function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

interface Row {
  readonly partner_id: string;
  readonly name: string;
  readonly status: string;
  readonly type: string;
  readonly tier: string;
  readonly manager_id: string | null;
  readonly manager_name: string | null;
  readonly manager_email: string | null;
  readonly joined_at: string;
  readonly lead_count: number;
  readonly last_activity_at: string;
  readonly name_key: string;
  /** The sort column as text, for the next page's cursor (only in pages of `listAllPartners`). */
  readonly sort_key?: string;
  readonly money: readonly { c: string; r: string; e: string; p: string }[] | string | null;
}

const COLUMNS = `p.partner_id, p.name, p.status, p.type, p.tier, p.manager_id, t.name AS manager_name, t.email AS manager_email,
    to_char(p.joined_at AT TIME ZONE 'UTC', ${ISO_FORMAT}) AS joined_at, a.lead_count,
    to_char(a.last_activity_at AT TIME ZONE 'UTC', ${ISO_FORMAT}) AS last_activity_at, p.name_key, m.money`;

const DETAILS = `
  JOIN ${ALL_PARTNERS_ACTIVITY_TABLE} AS a ON a.partner_id = p.partner_id
  LEFT JOIN ${ALL_PARTNERS_TEAMMATES_TABLE} AS t ON t.teammate_id = p.manager_id
  LEFT JOIN LATERAL (
    SELECT jsonb_agg(jsonb_build_object('c', currency, 'r', revenue_minor::text, 'e', earned_minor::text, 'p', paid_minor::text)) AS money
    FROM ${ALL_PARTNERS_MONEY_TABLE} WHERE partner_id = p.partner_id
  ) AS m ON true`;

const SELECT = `SELECT ${COLUMNS} FROM ${ALL_PARTNERS_PARTNERS_TABLE} AS p ${DETAILS}`;

/**
 * The FROM of a page's key query: the table of the sort's indexes, with another only when the
 * filter or the order reads it (an activity sort joins the profiles for a status, type, tier or
 * text filter only; the manager sort joins the teammates for their names).
 */
function keyQueryTables(table: 'p' | 'a', field: SortField, options: ListAllPartnersOptions, moneyJoin: string): string {
  if (table === 'a') {
    const profileFiltered = [options.status, options.type, options.tier, options.q].some((value) => value !== undefined && value !== '');
    return `${ALL_PARTNERS_ACTIVITY_TABLE} AS a${
      profileFiltered ? ` JOIN ${ALL_PARTNERS_PARTNERS_TABLE} AS p ON p.partner_id = a.partner_id` : ''
    }`;
  }
  const teammates = field === 'manager' ? ` LEFT JOIN ${ALL_PARTNERS_TEAMMATES_TABLE} AS t ON t.teammate_id = p.manager_id` : '';
  return `${ALL_PARTNERS_PARTNERS_TABLE} AS p${teammates} ${moneyJoin}`;
}

function toItem(row: Row): AllPartnersItem {
  const revenue: Record<string, number> = {};
  const earned: Record<string, number> = {};
  const paid: Record<string, number> = {};
  const outstanding: Record<string, number> = {};
  const money = typeof row.money === 'string' ? (JSON.parse(row.money) as Row['money']) : row.money;
  const sorted = [...((money as readonly { c: string; r: string; e: string; p: string }[] | null) ?? [])].sort((a, b) =>
    a.c < b.c ? -1 : a.c > b.c ? 1 : 0,
  );
  for (const { c, r, e, p } of sorted) {
    const put = (map: Record<string, number>, value: bigint): void => {
      if (value !== 0n) {
        map[c] = Number(value);
      }
    };
    put(revenue, BigInt(r));
    put(earned, BigInt(e));
    put(paid, BigInt(p));
    const open = BigInt(e) - BigInt(p);
    put(outstanding, open > 0n ? open : 0n);
  }
  return {
    partnerId: row.partner_id,
    name: row.name,
    status: row.status,
    type: row.type,
    tier: row.tier,
    manager:
      row.manager_id === null || row.manager_name === null
        ? null
        : { id: row.manager_id, name: row.manager_name, email: row.manager_email as string },
    joinedAt: row.joined_at,
    leadCount: Number(row.lead_count),
    revenue,
    commissionsEarned: earned,
    commissionsPaid: paid,
    commissionsOutstanding: outstanding,
    lastActivityAt: row.last_activity_at,
  };
}

/**
 * A page of the All Partners view, filtered and sorted, with keyset pagination: the cursor holds
 * the last row's sort key and partner id, so pages stay stable under ties and concurrent writes
 * never repeat or skip a row that did not change. Throws `InvalidCursorError` for a cursor it did
 * not issue for this sort, `InvalidSortError` for an unknown sort.
 */
export async function listAllPartners(client: SqlClient, options: ListAllPartnersOptions = {}): Promise<AllPartnersPage> {
  const sort = options.sort ?? 'name';
  if (!(ALL_PARTNERS_SORTS as readonly string[]).includes(sort)) {
    throw new InvalidSortError(sort);
  }
  const limit = clampLimit(options.limit);
  const field = sortField(sort);
  const { column, table, cast } = SORT_COLUMNS[field];
  const descending = sort.startsWith('-');
  const ordering: Ordering = { sort, currency: MONEY_SORTS.has(field) ? (options.currency ?? ALL_PARTNERS_DEFAULT_SORT_CURRENCY) : null };

  const params: unknown[] = [];
  const where: string[] = [];
  const param = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const moneyJoin =
    ordering.currency === null
      ? ''
      : `LEFT JOIN ${ALL_PARTNERS_MONEY_TABLE} AS ms ON ms.partner_id = p.partner_id AND ms.currency = ${param(ordering.currency)}`;
  // Both tables hold the manager; filter on the one whose (manager_id, key, partner_id) index serves the sort.
  const managerColumn = `${table}.manager_id`;
  if (options.managerId !== undefined) {
    where.push(options.managerId === 'unassigned' ? `${managerColumn} IS NULL` : `${managerColumn} = ${param(options.managerId)}`);
  }
  if (options.status !== undefined) {
    where.push(`p.status = ${param(options.status)}`);
  }
  if (options.type !== undefined) {
    where.push(`p.type = ${param(options.type)}`);
  }
  if (options.tier !== undefined) {
    where.push(`p.tier = ${param(options.tier)}`);
  }
  if (options.q !== undefined && options.q !== '') {
    where.push(`p.name ILIKE ${param(likePattern(options.q))}`);
  }
  if (options.cursor !== undefined) {
    const after = decodeCursor(options.cursor, ordering);
    where.push(`(${column}, ${table}.partner_id) ${descending ? '<' : '>'} (${param(after.key)}::${cast}, ${param(after.id)}::text)`);
  }
  const direction = descending ? 'DESC' : 'ASC';
  // Under a manager filter every row has the same manager_id, so leading the order with it changes
  // nothing, but lets the planner read the (manager_id, key, partner_id) index in order for
  // `IS NULL` too (only an equality makes the leading column redundant to it).
  const order = [
    ...(options.managerId !== undefined ? [managerColumn] : []),
    column,
    `${table}.partner_id`,
  ].map((expression) => `${expression} ${direction}`);
  // Time keys go in the cursor as ISO 8601 (as the items show them); others as the column's text.
  const sortKey = cast === 'timestamptz' ? `to_char(${column} AT TIME ZONE 'UTC', ${ISO_FORMAT})` : `(${column})::text`;
  // Two steps: the page's partner ids and keys from the narrow columns the filter and order need,
  // then the details of those rows only. A sort without an index is then a top-N sort in memory
  // directly under the LIMIT; with the details joined first, PostgreSQL sorted every filtered row,
  // wide, and spilled to disk (about 150-200 ms at 100,000 partners, see docs/performance.md).
  const { rows } = await client.query<Row>(
    `WITH page AS MATERIALIZED (
       SELECT ${table}.partner_id, ${column} AS k, ${sortKey} AS sort_key
       FROM ${keyQueryTables(table, field, options, moneyJoin)}
       ${where.length > 0 ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY ${order.join(', ')}
       LIMIT ${param(limit + 1)}
     )
     SELECT page.sort_key, ${COLUMNS}
     FROM page JOIN ${ALL_PARTNERS_PARTNERS_TABLE} AS p ON p.partner_id = page.partner_id ${DETAILS}
     ORDER BY page.k ${direction}, page.partner_id ${direction}`,
    params,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > limit && last !== undefined
      ? encodeCursor(ordering, { key: last.sort_key as string, id: last.partner_id })
      : null;
  return { items: page.map(toItem), nextCursor };
}

/** One partner's row; null when the projection has not seen the partner selected. */
export async function readPartnerRow(client: SqlClient, partnerId: string): Promise<AllPartnersItem | null> {
  const { rows } = await client.query<Row>(`${SELECT} WHERE p.partner_id = $1`, [partnerId]);
  return rows.length === 0 ? null : toItem(rows[0]);
}

/** The row mapping, for the as-of view that builds a row from a folded history. */
export { toItem as toAllPartnersItem, type Row as AllPartnersRow };
