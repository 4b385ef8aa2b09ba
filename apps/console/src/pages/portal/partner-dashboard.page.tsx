import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type {
  AllPartnersItem,
  CommissionEarned,
  CommissionPaidOut,
  CommissionReversed,
  LeadReferred,
  PartnerHistory,
  PartnerManagerContact,
  ReferLeadDto,
} from '../../api/api-types';
import { useSession } from '../../session/session';
import { formatDate, formatMoney, formatMoneyMap } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

interface CommissionLine {
  readonly commissionId: string;
  readonly amount: CommissionEarned['data']['commissionAmount'];
  readonly earnedAt: string;
  status: 'earned' | 'paid' | 'reversed';
}

/** The partner's leads and commissions, folded from its own history. */
function leadsAndCommissions(history: PartnerHistory | undefined) {
  const leads: (LeadReferred['data'] & { referredAt: string })[] = [];
  const commissions = new Map<string, CommissionLine>();
  for (const entry of history?.events ?? []) {
    if (entry.type === 'LeadReferred') leads.push({ ...(entry.data as LeadReferred['data']), referredAt: entry.occurredAt });
    if (entry.type === 'CommissionEarned') {
      const data = entry.data as CommissionEarned['data'];
      commissions.set(data.commissionId, { commissionId: data.commissionId, amount: data.commissionAmount, earnedAt: entry.occurredAt, status: 'earned' });
    }
    if (entry.type === 'CommissionPaidOut' || entry.type === 'CommissionReversed') {
      const line = commissions.get((entry.data as (CommissionPaidOut | CommissionReversed)['data']).commissionId);
      if (line !== undefined) line.status = entry.type === 'CommissionPaidOut' ? 'paid' : 'reversed';
    }
  }
  return { leads, commissions: [...commissions.values()] };
}

/** What a partner key sees: its status, its manager, its leads and commissions, and a form to refer a lead. */
export function PartnerDashboardPage() {
  const { api, me } = useSession();
  const partnerId = me?.kind === 'partner' ? me.partnerId : '';
  const path = `/v1/partners/${encodeURIComponent(partnerId)}`;
  // A partner key does not follow the log (that is for teammates): its reads refetch after its own commands.
  const partner = useQuery({ queryKey: ['partner', partnerId], queryFn: () => api.get<AllPartnersItem>(path), enabled: partnerId !== '' });
  const contact = useQuery({
    queryKey: ['manager-contact', partnerId],
    queryFn: () => api.get<PartnerManagerContact>(`${path}/manager-contact`),
    enabled: partnerId !== '',
  });
  const history = useQuery({ queryKey: ['history', partnerId], queryFn: () => api.get<PartnerHistory>(`${path}/history`), enabled: partnerId !== '' });
  const [customerName, setCustomerName] = useState('');
  const [customerEmail, setCustomerEmail] = useState('');
  const queryClient = useQueryClient();
  const refer = useMutation({
    mutationFn: (body: ReferLeadDto) => api.post(`${path}/leads`, body),
    onSuccess: () => {
      // A partner key does not follow the log (that is for teammates): refetch its own history.
      void queryClient.invalidateQueries({ queryKey: ['history', partnerId] });
      void queryClient.invalidateQueries({ queryKey: ['partner', partnerId] });
      setCustomerName('');
      setCustomerEmail('');
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    refer.mutate({ customerName, ...(customerEmail === '' ? {} : { customerEmail }) } as ReferLeadDto);
  }

  const { leads, commissions } = leadsAndCommissions(history.data);
  const manager = contact.data?.manager;
  return (
    <article aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{partner.data?.name ?? 'Your partnership'}</h1>
      <ProblemMessage error={partner.error ?? contact.error ?? history.error} />
      {partner.data !== undefined && (
        <dl className="profile">
          <dt>Status</dt>
          <dd>{partner.data.status}</dd>
          <dt>Tier</dt>
          <dd>{partner.data.tier}</dd>
          <dt>Commissions outstanding</dt>
          <dd>{formatMoneyMap(partner.data.commissionsOutstanding)}</dd>
        </dl>
      )}
      <section aria-labelledby="manager-title">
        <h2 id="manager-title">Your partner manager</h2>
        {contact.data === undefined ? null : manager === null || manager === undefined ? (
          <p>No manager is assigned yet.</p>
        ) : (
          <p>
            <span data-field="manager-name">{manager.name}</span> — <a href={`mailto:${manager.email}`}>{manager.email}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="refer-title">
        <h2 id="refer-title">Refer a lead</h2>
        <form onSubmit={submit}>
          <label>
            Customer name
            <input value={customerName} onChange={(event) => setCustomerName(event.target.value)} required />
          </label>
          <label>
            Customer email
            <input type="email" value={customerEmail} onChange={(event) => setCustomerEmail(event.target.value)} />
          </label>
          <button type="submit" disabled={refer.isPending || customerName.trim() === ''}>
            Refer lead
          </button>
        </form>
        <ProblemMessage error={refer.error} />
        {refer.isSuccess && <p role="status">Lead referred.</p>}
      </section>
      <section aria-labelledby="leads-title">
        <h2 id="leads-title">Your leads</h2>
        <ul>
          {leads.map((lead) => (
            <li key={lead.leadId}>
              {lead.customerName} — referred {formatDate(lead.referredAt)}
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="commissions-title">
        <h2 id="commissions-title">Your commissions</h2>
        <table>
          <caption className="visually-hidden">Your commissions</caption>
          <thead>
            <tr>
              <th scope="col">Commission</th>
              <th scope="col">Amount</th>
              <th scope="col">Earned</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {commissions.map((line) => (
              <tr key={line.commissionId}>
                <td>{line.commissionId}</td>
                <td>{formatMoney(line.amount.amountMinor, line.amount.currency)}</td>
                <td>{formatDate(line.earnedAt)}</td>
                <td>{line.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </article>
  );
}
