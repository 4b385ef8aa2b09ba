import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { PartnerAsOf, PartnerHistory } from '../../api/api-types';
import { useSession } from '../../session/session';
import { formatDateTime, formatMoneyMap } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

type Basis = 'recorded' | 'occurred';

/** The partner's events in stream order, and with an as-of moment the state it was in then. */
export function PartnerTimeline({ partnerId }: { readonly partnerId: string }) {
  const { api } = useSession();
  const [asOf, setAsOf] = useState('');
  const [by, setBy] = useState<Basis>('recorded');
  const path = `/v1/partners/${encodeURIComponent(partnerId)}/history`;
  const history = useQuery({
    queryKey: ['history', partnerId],
    queryFn: () => api.get<PartnerHistory>(path),
  });
  // The picker's value has no zone; every time on screen is UTC, and so is this one.
  const moment = asOf === '' ? null : new Date(`${asOf}Z`).toISOString();
  const state = useQuery({
    queryKey: ['as-of', partnerId, moment, by],
    queryFn: () => api.get<PartnerAsOf>(path, { asOf: moment ?? undefined, by }),
    enabled: moment !== null,
  });

  return (
    <section aria-labelledby="timeline-title">
      <h2 id="timeline-title">Timeline</h2>
      <form className="as-of" aria-label="State as of a moment" onSubmit={(event) => event.preventDefault()}>
        <label>
          As of (UTC)
          <input type="datetime-local" value={asOf} onChange={(event) => setAsOf(event.target.value)} />
        </label>
        <label>
          Clock
          <select value={by} onChange={(event) => setBy(event.target.value as Basis)}>
            <option value="recorded">Recorded (what the system knew)</option>
            <option value="occurred">Occurred (business time)</option>
          </select>
        </label>
        {asOf !== '' && (
          <button type="button" onClick={() => setAsOf('')}>
            Back to now
          </button>
        )}
      </form>
      <ProblemMessage error={history.error ?? state.error} />
      {state.data !== undefined && moment !== null && (
        <div className="as-of-state" role="region" aria-label="State at that moment">
          {state.data.partner === null ? (
            <p>Not yet selected at that moment.</p>
          ) : (
            <dl>
              <dt>Status</dt>
              <dd>{state.data.partner.status}</dd>
              <dt>Tier</dt>
              <dd>{state.data.partner.tier}</dd>
              <dt>Partner Manager</dt>
              <dd>{state.data.partner.manager?.name ?? 'Unassigned'}</dd>
              <dt>Revenue</dt>
              <dd>{formatMoneyMap(state.data.partner.revenue)}</dd>
              <dt>Clearance</dt>
              <dd>{state.data.clearance.cleared ? 'cleared' : `${state.data.clearance.blockers.length} blocker(s)`}</dd>
              <dt>Events included</dt>
              <dd>{state.data.version}</dd>
            </dl>
          )}
        </div>
      )}
      <ol className="timeline">
        {(moment !== null ? (state.data?.events ?? []) : (history.data?.events ?? [])).map((entry) => (
          <li key={entry.eventId}>
            <strong>{entry.type}</strong> <time dateTime={entry.occurredAt}>{formatDateTime(entry.occurredAt)}</time> by {entry.actor}
          </li>
        ))}
      </ol>
    </section>
  );
}
