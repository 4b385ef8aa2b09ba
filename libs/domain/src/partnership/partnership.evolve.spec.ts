import { fold } from '../shared/decider';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  commissionEarned,
  enabledHistory,
  invoiceIssued,
  mdfPaidOut,
  onboardedHistory,
  partnerOffboarded,
  partnershipEvent,
  partnerSelected,
  selectedHistory,
  usd,
} from '../testing/partnership.fixtures';
import { computeClearance } from './clearance';
import type { PartnershipEvent } from './partnership.events';
import { partnershipDecider } from './partnership.decider';
import type { ExistingPartnershipState, PartnershipState } from './partnership.state';

const spec = DeciderSpecification.for(partnershipDecider);

function existing(state: PartnershipState): ExistingPartnershipState {
  if (state.status === 'none') {
    throw new Error('expected an existing partner');
  }
  return state;
}

describe('partnership evolve', () => {
  it('starts with no partner', () => {
    spec.given([]).thenState((state) => expect(state).toEqual({ status: 'none' }));
  });

  it('takes the profile from the selection', () => {
    spec.given(selectedHistory).thenState((state) => {
      expect(state).toMatchObject({
        status: 'selected',
        partnerId: 'p1',
        name: 'Acme Ltd',
        contactName: 'Ada Lovelace',
        contactEmail: 'ada@acme.test',
        type: 'reseller',
        tier: 'standard',
        selectionReason: 'Strong EMEA presence',
        managerId: null,
      });
      expect(existing(state).commissions.size).toBe(0);
    });
  });

  it.each([
    ['onboarded', onboardedHistory],
    ['enabled', enabledHistory],
  ])('follows the lifecycle to %s', (status, history) => {
    spec.given(history).thenState((state) => expect(state.status).toBe(status));
  });

  it('records the offboarding reason and override', () => {
    const override = { byTeammateId: 'admin-1', reason: 'Forced' };
    spec
      .given([...enabledHistory, partnershipEvent('PartnerOffboarded', { ...partnerOffboarded.data, override })])
      .thenState((state) => {
        expect(state).toMatchObject({ status: 'offboarded', offboarding: { reason: 'Program closed', override } });
      });
  });

  it('tracks the manager and the tier', () => {
    spec
      .given([
        ...enabledHistory,
        partnershipEvent('PartnerManagerReassigned', { managerId: 'alice', previousManagerId: null }),
        partnershipEvent('PartnerManagerReassigned', { managerId: 'bob', previousManagerId: 'alice' }),
        partnershipEvent('PartnerTierChanged', { tier: 'gold', previousTier: 'standard' }),
      ])
      .thenState((state) => expect(state).toMatchObject({ managerId: 'bob', tier: 'gold' }));
  });

  it('tracks leads, commissions, invoices and MDF with their states', () => {
    spec
      .given([
        ...enabledHistory,
        partnershipEvent('LeadReferred', {
          leadId: 'l1',
          customerName: 'Globex',
          customerEmail: null,
          estimatedValue: usd(9),
        }),
        commissionEarned('c1'),
        commissionEarned('c2'),
        commissionEarned('c3'),
        partnershipEvent('CommissionPaidOut', { commissionId: 'c1', amount: usd(1_000) }),
        partnershipEvent('CommissionReversed', {
          commissionId: 'c2',
          amount: usd(1_000),
          saleAmount: usd(10_000),
          customerId: 'customer-c2',
          reason: 'Refunded',
        }),
        invoiceIssued('inv1'),
        partnershipEvent('InvoiceSettled', { invoiceId: 'inv1', amount: usd(5_000) }),
        mdfPaidOut('mdf1'),
        partnershipEvent('MdfDeliverableReceived', { mdfId: 'mdf1', description: 'Photos', url: 'https://x.test' }),
      ])
      .thenState((state) => {
        const partner = existing(state);
        expect(partner.leads.get('l1')).toEqual({
          leadId: 'l1',
          customerName: 'Globex',
          customerEmail: null,
          estimatedValue: usd(9),
        });
        expect(partner.commissions.values().map((c) => [c.commissionId, c.state])).toEqual([
          ['c1', 'paid'],
          ['c2', 'reversed'],
          ['c3', 'earned'],
        ]);
        expect(partner.invoices.get('inv1')).toEqual({
          invoiceId: 'inv1',
          amount: usd(5_000),
          dueAt: null,
          state: 'settled',
        });
        expect(partner.mdf.get('mdf1')).toEqual({
          mdfId: 'mdf1',
          amount: usd(20_000),
          purpose: 'Trade show booth',
          state: 'deliverable_received',
          deliverable: { description: 'Photos', url: 'https://x.test' },
        });
        expect(partner.openObligations.keys()).toEqual(['unpaid_commission:c3']);
      });
  });

  it('never changes an earlier state', () => {
    const before = fold(partnershipDecider, [...enabledHistory, commissionEarned('c1')]);
    const snapshot = JSON.stringify(before);
    const after = partnershipDecider.evolve(
      before,
      partnershipEvent('CommissionPaidOut', { commissionId: 'c1', amount: usd(1_000) }),
    );
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(existing(before).commissions.get('c1')?.state).toBe('earned');
    expect(existing(after).commissions.get('c1')?.state).toBe('paid');
  });

  it('serialises to plain JSON with records for the maps', () => {
    spec.given([...enabledHistory, commissionEarned('c1')]).thenState((state) => {
      const json = JSON.parse(JSON.stringify(state));
      expect(json.commissions).toEqual({ c1: expect.objectContaining({ commissionId: 'c1', state: 'earned' }) });
      expect(json.leads).toEqual({});
    });
  });

  describe('with events that do not fit the state (a damaged stream)', () => {
    it('ignores events before the selection', () => {
      spec.given([commissionEarned('c1'), partnershipEvent('PartnerEnabled', { notes: null })]).thenState((state) =>
        expect(state).toEqual({ status: 'none' }),
      );
    });

    it('ignores a second selection', () => {
      spec
        .given([...enabledHistory, partnershipEvent('PartnerSelected', { ...partnerSelected.data, name: 'Other' })])
        .thenState((state) => expect(state).toMatchObject({ status: 'enabled', name: 'Acme Ltd' }));
    });

    it('ignores lifecycle events after offboarding', () => {
      spec
        .given([...enabledHistory, partnerOffboarded, partnershipEvent('PartnerEnabled', { notes: null })])
        .thenState((state) => expect(state.status).toBe('offboarded'));
    });

    it('ignores follow-ups of items it never saw', () => {
      const history = [
        ...enabledHistory,
        partnershipEvent('CommissionPaidOut', { commissionId: 'c404', amount: usd(1) }),
        partnershipEvent('CommissionReversed', {
          commissionId: 'c404',
          amount: usd(1),
          saleAmount: usd(1),
          customerId: 'x',
          reason: 'x',
        }),
        partnershipEvent('InvoiceSettled', { invoiceId: 'i404', amount: usd(1) }),
        partnershipEvent('MdfDeliverableReceived', { mdfId: 'm404', description: 'x', url: null }),
      ];
      spec.given(history).thenState((state) => expect(state).toEqual(fold(partnershipDecider, enabledHistory)));
    });

    it('ignores event types it does not know', () => {
      const unknown = { type: 'PartnerRenamed', data: { partnerId: 'p1', name: 'New' } } as unknown as PartnershipEvent;
      spec.given([...enabledHistory, unknown]).thenState((state) => expect(state).toMatchObject({ name: 'Acme Ltd' }));
    });
  });

  it('folds a stream of 10,000 events into the right totals', () => {
    const history: PartnershipEvent[] = [...enabledHistory];
    for (let i = 0; history.length < 10_000; i++) {
      history.push(commissionEarned(`c${i}`, 100 + i));
      if (i % 3 !== 0) {
        history.push(partnershipEvent('CommissionPaidOut', { commissionId: `c${i}`, amount: usd(100 + i) }));
      }
      if (i % 50 === 0) {
        history.push(invoiceIssued(`inv${i}`));
      }
    }
    spec.given(history).thenState((state) => {
      const partner = existing(state);
      const earned = partner.commissions.values().filter((c) => c.state === 'earned');
      const clearance = computeClearance(partner);
      expect(partner.commissions.size).toBe(history.filter((e) => e.type === 'CommissionEarned').length);
      expect(clearance.blockers.filter((b) => b.kind === 'unpaid_commission').map((b) => b.id)).toEqual(
        earned.map((c) => c.commissionId),
      );
      expect(clearance.blockers.filter((b) => b.kind === 'open_invoice')).toHaveLength(partner.invoices.size);
    });
  });
});
