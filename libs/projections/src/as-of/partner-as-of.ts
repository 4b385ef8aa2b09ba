import { computeClearance, fold, partnershipDecider, type ClearanceBlocker, type PartnershipEvent, type TeammateEvent } from '@partnerships/domain';
import type { DecodedEvent } from '@partnerships/event-store';

type PartnershipRecord = DecodedEvent & PartnershipEvent;
type TeammateRecord = DecodedEvent & TeammateEvent;
import { foldAllPartnersChanges } from '../read-models/all-partners/all-partners.projection';
import { toAllPartnersItem, type AllPartnersItem, type AllPartnersRow } from '../read-models/all-partners/all-partners.query';
import { parseAsOf, type AsOfBasis } from './as-of-time';
import { partnerStateView, type PartnerStateView } from './partner-state.view';
import { timelineEntry, type TimelineEntry } from './partner-timeline';

/** A partner's whole history. */
export interface PartnerHistory {
  readonly partnerId: string;
  /** The stream's version: its number of events. */
  readonly version: number;
  readonly events: readonly TimelineEntry[];
}

/** What was known of a partner at a moment, on one of the two clocks. */
export interface PartnerAsOf {
  readonly partnerId: string;
  /** The moment, normalised to an ISO 8601 UTC instant. */
  readonly asOf: string;
  readonly by: AsOfBasis;
  /** How many of the partner's events the state includes. */
  readonly version: number;
  /** Those events, in stream order. */
  readonly events: readonly TimelineEntry[];
  readonly state: PartnerStateView;
  /** The All Partners row as it read then; null before the partner was selected. */
  readonly partner: AllPartnersItem | null;
  readonly clearance: { readonly partnerId: string; readonly cleared: boolean; readonly blockers: readonly ClearanceBlocker[] };
}

export interface PartnerAsOfInput {
  readonly partnerId: string;
  /** The events of stream `partnership-<partnerId>`, decoded. */
  readonly partnerEvents: readonly PartnershipRecord[];
  /** The events of its managers' teammate streams (for their names and emails); others are ignored. */
  readonly teammateEvents: readonly TeammateRecord[];
  /** An ISO 8601 instant or a date (see `parseAsOf`). */
  readonly asOf: string;
  readonly by?: AsOfBasis;
}

function inStreamOrder<E extends PartnershipRecord>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => a.version - b.version);
}

export function partnerHistory(partnerId: string, partnerEvents: readonly PartnershipRecord[]): PartnerHistory {
  const events = inStreamOrder(partnerEvents);
  return { partnerId, version: events.length === 0 ? 0 : events[events.length - 1].version, events: events.map(timelineEntry) };
}

/** The managers ever assigned to the partner, first assignment first. */
export function managerIdsOf(partnerEvents: readonly PartnershipRecord[]): string[] {
  const ids = new Set<string>();
  for (const event of inStreamOrder(partnerEvents)) {
    if (event.type === 'PartnerManagerReassigned') ids.add(event.data.managerId);
  }
  return [...ids];
}

function timeOf(event: DecodedEvent, by: AsOfBasis): number {
  return Date.parse(by === 'recorded' ? event.recordedAt : event.metadata.occurredAt);
}

/**
 * The partner as of a moment: its events whose store time (`recorded`) or business time
 * (`occurred`) is at or before the moment, folded in stream order. By `recorded` this is what the
 * system knew then; by `occurred`, what had happened by then as known now, backdated entries
 * included. Throws `InvalidAsOfError` for a moment it cannot read.
 */
export function partnerAsOf(input: PartnerAsOfInput): PartnerAsOf {
  const { partnerId } = input;
  const by = input.by ?? 'recorded';
  const asOf = parseAsOf(input.asOf);
  const known = (event: DecodedEvent) => timeOf(event, by) <= asOf;
  const events = inStreamOrder(input.partnerEvents).filter(known);
  const state = fold(partnershipDecider, events);
  return {
    partnerId,
    asOf: new Date(asOf).toISOString(),
    by,
    version: events.length,
    events: events.map(timelineEntry),
    state: partnerStateView(state),
    partner: allPartnersRowOf(partnerId, events, input.teammateEvents.filter(known)),
    clearance: { partnerId, ...computeClearance(state) },
  };
}

/** The All Partners row, by the projection's own fold and the query's own mapping. */
function allPartnersRowOf(
  partnerId: string,
  partnerEvents: readonly PartnershipRecord[],
  teammateEvents: readonly TeammateRecord[],
): AllPartnersItem | null {
  const { partners, money, teammates } = foldAllPartnersChanges([...teammateEvents, ...partnerEvents]);
  const pending = partners.get(partnerId);
  // Without PartnerSelected the fold only holds deltas for a row it has never seen.
  if (pending === undefined || !pending.created) return null;
  const { row } = pending;
  const manager = row.manager_id === null ? undefined : teammates.get(row.manager_id);
  const moneyRows: { c: string; r: string; e: string; p: string }[] = [];
  for (const [key, delta] of money) {
    const [owner, currency] = key.split('\u0000');
    if (owner === partnerId) {
      moneyRows.push({ c: currency, r: delta.revenue.toString(), e: delta.earned.toString(), p: delta.paid.toString() });
    }
  }
  const selected: AllPartnersRow = {
    partner_id: partnerId,
    name: row.name as string,
    name_key: row.name_key as string,
    status: row.status as string,
    type: row.type as string,
    tier: row.tier as string,
    manager_id: row.manager_id,
    manager_name: manager?.name ?? null,
    manager_email: manager?.email ?? null,
    joined_at: row.joined_at as string,
    lead_count: row.lead_count,
    last_activity_at: row.last_activity_at,
    money: moneyRows,
  };
  return toAllPartnersItem(selected);
}
