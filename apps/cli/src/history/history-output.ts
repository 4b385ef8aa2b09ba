import type { PartnerAsOf, PartnerHistory, TimelineEntry } from '@partnerships/projections';
import { alignedTable } from '../output/aligned-table';
import { eventSummary } from './event-summary';
import { moneyMapText, moneyText } from './money-text';

/** Times as UTC instants, whatever offset the caller gave when recording. */
function instant(value: string): string {
  const time = Date.parse(value);
  return Number.isNaN(time) ? value : new Date(time).toISOString();
}

export function timelineTable(events: readonly TimelineEntry[]): string {
  return alignedTable(
    [{ header: 'VERSION', align: 'right' }, { header: 'TYPE' }, { header: 'OCCURRED' }, { header: 'RECORDED' }, { header: 'ACTOR' }, { header: 'SUMMARY' }],
    events.map((event) => [String(event.version), event.type, instant(event.occurredAt), instant(event.recordedAt), event.actor, eventSummary(event)]),
  );
}

export function historyText(history: PartnerHistory): string {
  return `partner ${history.partnerId}: ${history.version} event${history.version === 1 ? '' : 's'}\n${timelineTable(history.events)}`;
}

/** Label: value lines, the values aligned. */
function fields(pairs: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 2;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
}

/** "3 (2 earned, 1 paid)": how many items, by state. */
function counted(items: readonly { readonly state: string }[], states: readonly string[]): string {
  if (items.length === 0) return '0';
  const byState = states.map((state) => [state, items.filter((item) => item.state === state).length] as const).filter(([, n]) => n > 0);
  return `${items.length} (${byState.map(([state, n]) => `${n} ${state}`).join(', ')})`;
}

/** The state as an operator reads it: status, manager, counts, the row's money, the clearance. */
export function stateText(answer: PartnerAsOf): string {
  const clock = answer.by === 'recorded' ? 'recorded time: what the system knew then' : 'occurred time: what had happened by then';
  const heading = `partner ${answer.partnerId} as of ${answer.asOf} (${clock}): ${answer.version} event${answer.version === 1 ? '' : 's'}`;
  const { state, partner, clearance } = answer;
  if (state.status === 'none' || partner === null) {
    return `${[heading, ...fields([['status', 'none (not selected yet)']])].join('\n')}\n`;
  }
  const manager = partner.manager === null ? (state.managerId ?? 'none') : `${partner.manager.name} <${partner.manager.email}> (${partner.manager.id})`;
  const offboarding = state.offboarding
    ? ` (${state.offboarding.reason}${state.offboarding.override ? `; forced by ${state.offboarding.override.byTeammateId}` : ''})`
    : '';
  const lines = fields([
    ['name', `${state.name} (${state.type}, tier ${state.tier})`],
    ['status', `${state.status}${offboarding}`],
    ['manager', manager],
    ['joined', partner.joinedAt],
    ['last activity', partner.lastActivityAt],
    ['leads', String(state.leads.length)],
    ['commissions', counted(state.commissions, ['earned', 'paid', 'reversed'])],
    ['invoices', counted(state.invoices, ['issued', 'settled'])],
    ['mdf', counted(state.mdf, ['awaiting_deliverable', 'deliverable_received'])],
    ['revenue', moneyMapText(partner.revenue)],
    ['earned', moneyMapText(partner.commissionsEarned)],
    ['paid', moneyMapText(partner.commissionsPaid)],
    ['outstanding', moneyMapText(partner.commissionsOutstanding)],
    ['clearance', clearance.cleared ? 'cleared' : `blocked by ${clearance.blockers.length}`],
  ]);
  const blockers = clearance.blockers.map((blocker) => `  ${blocker.kind} ${blocker.id}: ${moneyText(blocker.amount)}`);
  return `${[heading, ...lines, ...blockers].join('\n')}\n`;
}
