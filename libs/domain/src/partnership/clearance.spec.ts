import { DeciderSpecification } from '../testing/decider-specification';
import {
  commissionEarned,
  enabledHistory,
  invoiceIssued,
  mdfPaidOut,
  partnerOffboarded,
  partnershipEvent,
  usd,
} from '../testing/partnership.fixtures';
import { computeClearance } from './clearance';
import type { PartnershipEvent } from './partnership.events';
import { partnershipDecider } from './partnership.decider';

const spec = DeciderSpecification.for(partnershipDecider);

const expectClearance = (history: readonly PartnershipEvent[], expected: ReturnType<typeof computeClearance>) =>
  spec.given(history).thenState((state) => expect(computeClearance(state)).toEqual(expected));

const cleared = { cleared: true, blockers: [] };

describe('financial clearance', () => {
  it('is clear for a partner that does not exist', () => {
    expectClearance([], cleared);
  });

  it('is clear for a partner without financial activity', () => {
    expectClearance(enabledHistory, cleared);
  });

  describe('unpaid commissions', () => {
    it('blocks on an earned commission', () => {
      expectClearance([...enabledHistory, commissionEarned('c1', 1_500)], {
        cleared: false,
        blockers: [{ kind: 'unpaid_commission', id: 'c1', amount: usd(1_500) }],
      });
    });

    it('clears once the commission is paid out', () => {
      expectClearance(
        [
          ...enabledHistory,
          commissionEarned('c1'),
          partnershipEvent('CommissionPaidOut', { commissionId: 'c1', amount: usd(1_000) }),
        ],
        cleared,
      );
    });

    it('clears once the commission is reversed', () => {
      expectClearance(
        [
          ...enabledHistory,
          commissionEarned('c1'),
          partnershipEvent('CommissionReversed', {
            commissionId: 'c1',
            amount: usd(1_000),
            saleAmount: usd(10_000),
            customerId: 'customer-c1',
            reason: 'Refunded',
          }),
        ],
        cleared,
      );
    });
  });

  describe('open invoices', () => {
    it('blocks on an issued invoice', () => {
      expectClearance([...enabledHistory, invoiceIssued('inv1', 7_000)], {
        cleared: false,
        blockers: [{ kind: 'open_invoice', id: 'inv1', amount: usd(7_000) }],
      });
    });

    it('clears once the invoice is settled', () => {
      expectClearance(
        [
          ...enabledHistory,
          invoiceIssued('inv1'),
          partnershipEvent('InvoiceSettled', { invoiceId: 'inv1', amount: usd(5_000) }),
        ],
        cleared,
      );
    });
  });

  describe('MDF without deliverable', () => {
    it('blocks on MDF paid out', () => {
      expectClearance([...enabledHistory, mdfPaidOut('mdf1', 30_000)], {
        cleared: false,
        blockers: [{ kind: 'mdf_without_deliverable', id: 'mdf1', amount: usd(30_000) }],
      });
    });

    it('clears once the deliverable is received', () => {
      expectClearance(
        [
          ...enabledHistory,
          mdfPaidOut('mdf1'),
          partnershipEvent('MdfDeliverableReceived', { mdfId: 'mdf1', description: 'Photos', url: null }),
        ],
        cleared,
      );
    });
  });

  it('lists blockers by kind, then in the order the items were created', () => {
    expectClearance(
      [
        ...enabledHistory,
        mdfPaidOut('m-b'),
        invoiceIssued('i-z'),
        commissionEarned('c-z'),
        mdfPaidOut('m-a'),
        invoiceIssued('i-a'),
        commissionEarned('c-a'),
        commissionEarned('c-m'),
        partnershipEvent('CommissionPaidOut', { commissionId: 'c-a', amount: usd(1_000) }),
      ],
      {
        cleared: false,
        blockers: [
          { kind: 'unpaid_commission', id: 'c-z', amount: usd(1_000) },
          { kind: 'unpaid_commission', id: 'c-m', amount: usd(1_000) },
          { kind: 'open_invoice', id: 'i-z', amount: usd(5_000) },
          { kind: 'open_invoice', id: 'i-a', amount: usd(5_000) },
          { kind: 'mdf_without_deliverable', id: 'm-b', amount: usd(20_000) },
          { kind: 'mdf_without_deliverable', id: 'm-a', amount: usd(20_000) },
        ],
      },
    );
  });

  it('keeps reporting obligations left open by a forced offboarding', () => {
    expectClearance([...enabledHistory, invoiceIssued('inv1'), partnerOffboarded], {
      cleared: false,
      blockers: [{ kind: 'open_invoice', id: 'inv1', amount: usd(5_000) }],
    });
  });
});
