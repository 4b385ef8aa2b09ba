import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router-dom';
import { ApiProblem } from '../../api/api-client';
import type { AllPartnersItem, Clearance } from '../../api/api-types';
import { readAfterSeen } from '../../live/seen-position';
import { useSession } from '../../session/session';
import { formatDate, formatMoneyMap } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';
import { ClearancePanel } from './clearance-panel';
import { LifecycleActions } from './lifecycle-actions';
import { PartnerTimeline } from './partner-timeline';

/** One partner: profile and status, the actions the caller may take, clearance, manager, timeline. */
export function PartnerPage() {
  const { partnerId = '' } = useParams();
  const { api } = useSession();
  const path = `/v1/partners/${encodeURIComponent(partnerId)}`;
  const partner = useQuery({ queryKey: ['partner', partnerId], queryFn: () => api.get<AllPartnersItem>(path, { minPosition: readAfterSeen() }) });
  const clearance = useQuery({
    queryKey: ['clearance', partnerId],
    queryFn: () => api.get<Clearance>(`${path}/clearance`, { minPosition: readAfterSeen() }),
    enabled: partner.isSuccess,
    placeholderData: keepPreviousData,
  });

  if (partner.error instanceof ApiProblem && partner.error.status === 404) {
    return (
      <section>
        <h1>Partner not found</h1>
        <ProblemMessage error={partner.error} />
      </section>
    );
  }
  if (partner.data === undefined) return <ProblemMessage error={partner.error} />;
  const row = partner.data;
  return (
    <article aria-labelledby="partner-title">
      <h1 id="partner-title">{row.name}</h1>
      <dl className="profile">
        <dt>Status</dt>
        <dd data-field="status">{row.status}</dd>
        <dt>Type</dt>
        <dd>{row.type}</dd>
        <dt>Tier</dt>
        <dd>{row.tier}</dd>
        <dt>Partner Manager</dt>
        <dd data-field="manager">{row.manager === null ? 'Unassigned' : `${row.manager.name} (${row.manager.email})`}</dd>
        <dt>Joined</dt>
        <dd>{formatDate(row.joinedAt)}</dd>
        <dt>Leads</dt>
        <dd>{row.leadCount}</dd>
        <dt>Revenue</dt>
        <dd>{formatMoneyMap(row.revenue)}</dd>
        <dt>Commissions outstanding</dt>
        <dd>{formatMoneyMap(row.commissionsOutstanding)}</dd>
      </dl>
      <LifecycleActions partner={row} clearance={clearance.data} />
      <ClearancePanel partnerId={partnerId} clearance={clearance.data} />
      <PartnerTimeline partnerId={partnerId} />
    </article>
  );
}
