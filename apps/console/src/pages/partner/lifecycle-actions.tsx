import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { AllPartnersItem, Clearance, OffboardPartnerDto } from '../../api/api-types';
import { mayOverrideClearance } from '../../api/domain-values';
import { useMay, useSession } from '../../session/session';
import { ProblemMessage } from '../../ui/problem-message';

/**
 * The lifecycle commands the partner's status and the caller's role allow: onboard a selected
 * partner, enable an onboarded one, offboard one that is not offboarded yet (an admin may
 * override a clearance with blockers, giving a reason).
 */
export function LifecycleActions({ partner, clearance }: { readonly partner: AllPartnersItem; readonly clearance: Clearance | undefined }) {
  const { api, me } = useSession();
  const mayOperate = useMay('operate');
  const mayOverride = me?.kind === 'teammate' && mayOverrideClearance(me.role);
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const path = `/v1/partners/${encodeURIComponent(partner.partnerId)}`;
  const command = useMutation({ mutationFn: ({ action, body }: { action: string; body: unknown }) => api.post(`${path}/${action}`, body) });

  if (!mayOperate) return null;

  function offboard(event: FormEvent) {
    event.preventDefault();
    const body: OffboardPartnerDto = {
      reason,
      ...(mayOverride && overrideReason.trim() !== '' ? { override: { reason: overrideReason } } : {}),
    } as OffboardPartnerDto;
    command.mutate({ action: 'offboard', body });
  }

  return (
    <section aria-labelledby="actions-title" className="actions">
      <h2 id="actions-title">Actions</h2>
      {partner.status === 'selected' && (
        <button type="button" disabled={command.isPending} onClick={() => command.mutate({ action: 'onboard', body: {} })}>
          Onboard
        </button>
      )}
      {partner.status === 'onboarded' && (
        <button type="button" disabled={command.isPending} onClick={() => command.mutate({ action: 'enable', body: {} })}>
          Enable
        </button>
      )}
      {partner.status !== 'offboarded' && (
        <form onSubmit={offboard} aria-label="Offboard">
          <label>
            Reason for offboarding
            <input value={reason} onChange={(event) => setReason(event.target.value)} required />
          </label>
          {mayOverride && clearance !== undefined && !clearance.cleared && (
            <label>
              Override the clearance check (admin), because
              <input value={overrideReason} onChange={(event) => setOverrideReason(event.target.value)} />
            </label>
          )}
          <button type="submit" disabled={command.isPending || reason.trim() === ''}>
            Offboard
          </button>
        </form>
      )}
      <ProblemMessage error={command.error} />
      {command.isSuccess && <p role="status">Done.</p>}
    </section>
  );
}
