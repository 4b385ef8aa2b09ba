import { useMutation } from '@tanstack/react-query';
import type { Clearance, ClearanceBlocker } from '../../api/api-types';
import { useMay, useSession } from '../../session/session';
import { formatMoney } from '../../ui/format';
import { ProblemMessage } from '../../ui/problem-message';

const BLOCKER_LABEL = {
  unpaid_commission: 'Unpaid commission',
  open_invoice: 'Unsettled invoice',
  mdf_without_deliverable: 'Open MDF (no deliverable)',
} as const;

/** The money-moving command that clears a blocker (admin and up); an MDF waits for its deliverable. */
const SETTLE = {
  unpaid_commission: { label: 'Pay out', path: (id: string) => `commissions/${id}/payout` },
  open_invoice: { label: 'Settle', path: (id: string) => `invoices/${id}/settle` },
  mdf_without_deliverable: null,
} as const;

/** The offboarding clearance: cleared, or each blocker with its amount, and for an admin the payout or settlement. */
export function ClearancePanel({ partnerId, clearance }: { readonly partnerId: string; readonly clearance: Clearance | undefined }) {
  const { api } = useSession();
  const mayMoveMoney = useMay('move-money');
  const settle = useMutation({
    mutationFn: (blocker: ClearanceBlocker) =>
      api.post(`/v1/partners/${encodeURIComponent(partnerId)}/${SETTLE[blocker.kind]!.path(encodeURIComponent(blocker.id))}`, {}),
  });
  return (
    <section aria-labelledby="clearance-title">
      <h2 id="clearance-title">Clearance</h2>
      {clearance === undefined ? (
        <p>Loading…</p>
      ) : clearance.cleared ? (
        <p className="cleared">Cleared: nothing blocks offboarding.</p>
      ) : (
        <table>
          <caption>Blockers to offboarding</caption>
          <thead>
            <tr>
              <th scope="col">Blocker</th>
              <th scope="col">Id</th>
              <th scope="col">Amount</th>
              {mayMoveMoney && <th scope="col">Action</th>}
            </tr>
          </thead>
          <tbody>
            {clearance.blockers.map((blocker) => {
              const action = SETTLE[blocker.kind];
              return (
                <tr key={`${blocker.kind}:${blocker.id}`}>
                  <td>{BLOCKER_LABEL[blocker.kind]}</td>
                  <td>{blocker.id}</td>
                  <td>{formatMoney(blocker.amount.amountMinor, blocker.amount.currency)}</td>
                  {mayMoveMoney && (
                    <td>
                      {action !== null && (
                        <button type="button" disabled={settle.isPending} onClick={() => settle.mutate(blocker)} aria-label={`${action.label} ${blocker.id}`}>
                          {action.label}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ProblemMessage error={settle.error} />
    </section>
  );
}
