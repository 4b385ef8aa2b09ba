import { isPartnershipEvent, isTeammateEvent } from '@partnerships/domain';
import { decodeStream, type RecordedEvent } from '@partnerships/event-store';
import { InvalidAsOfError } from './as-of-time';
import { managerIdsOf, partnerAsOf, partnerHistory } from './partner-as-of';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

let position = 100;
function recorded(
  streamId: string,
  version: number,
  type: string,
  data: Record<string, unknown>,
  recordedAt: string,
  occurredAt = recordedAt,
): RecordedEvent {
  position += 1;
  return {
    streamId,
    version,
    position: String(position),
    eventId: `00000000-0000-4000-8000-${String(position).padStart(12, '0')}`,
    type,
    data,
    recordedAt,
    metadata: { occurredAt, actor: 'alice', correlationId: `corr-${version}`, causationId: null, schemaVersion: 1, hash: `h${version}`, previousHash: version === 1 ? null : `h${version - 1}` },
  };
}

const partner = (version: number, type: string, data: Record<string, unknown>, recordedAt: string, occurredAt?: string) =>
  recorded('partnership-acme', version, type, { partnerId: 'acme', ...data }, recordedAt, occurredAt);

/*
 * Acme's history. Two entries differ on the two clocks: commission c2, entered on March 20th for
 * a sale of January 20th (backdated), and the settlement of i1, entered on April 2nd for a
 * payment of March 31st, 18:00.
 */
const teammateEvents = decodeStream(
  [recorded('teammate-mia', 1, 'TeammateAdded', { teammateId: 'mia', name: 'Mia', email: 'mia@co.example', role: 'teammate' }, '2026-01-01T09:00:00.000Z')],
  isTeammateEvent,
);
const partnerEvents = decodeStream([
  partner(1, 'PartnerSelected', { name: 'Acme', contactName: null, contactEmail: 'dana@acme.example', type: 'reseller', tier: 'silver', reason: null }, '2026-01-05T10:00:00.000Z'),
  partner(2, 'PartnerManagerReassigned', { managerId: 'mia', previousManagerId: null }, '2026-01-06T10:00:00.000Z'),
  partner(3, 'PartnerOnboarded', { notes: null }, '2026-01-10T10:00:00.000Z'),
  partner(4, 'PartnerEnabled', { notes: null }, '2026-01-15T10:00:00.000Z'),
  partner(5, 'CommissionEarned', { commissionId: 'c1', customerId: 'k1', saleAmount: usd(100000), commissionAmount: usd(10000), leadId: null }, '2026-02-01T10:00:00.000Z'),
  partner(6, 'InvoiceIssued', { invoiceId: 'i1', amount: usd(20000), dueAt: null }, '2026-02-10T10:00:00.000Z'),
  partner(7, 'CommissionEarned', { commissionId: 'c2', customerId: 'k2', saleAmount: usd(50000), commissionAmount: usd(5000), leadId: null }, '2026-03-20T10:00:00.000Z', '2026-01-20T10:00:00.000Z'),
  partner(8, 'CommissionPaidOut', { commissionId: 'c1', amount: usd(10000) }, '2026-03-25T10:00:00.000Z'),
  partner(9, 'InvoiceSettled', { invoiceId: 'i1' }, '2026-04-02T10:00:00.000Z', '2026-03-31T18:00:00.000Z'),
], isPartnershipEvent);

const asOf = (moment: string, by?: 'recorded' | 'occurred') =>
  partnerAsOf({ partnerId: 'acme', partnerEvents: [...partnerEvents].reverse(), teammateEvents, asOf: moment, by });

describe('the timeline of a partner', () => {
  it('lists every event in stream order with its envelope, data and chain link', () => {
    const history = partnerHistory('acme', [...partnerEvents].reverse());

    expect(history.version).toBe(9);
    expect(history.events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(history.events[6]).toEqual({
      version: 7,
      eventId: partnerEvents[6].eventId,
      type: 'CommissionEarned',
      occurredAt: '2026-01-20T10:00:00.000Z',
      recordedAt: '2026-03-20T10:00:00.000Z',
      actor: 'alice',
      correlationId: 'corr-7',
      causationId: null,
      position: partnerEvents[6].position,
      data: partnerEvents[6].data,
      hash: 'h7',
      previousHash: 'h6',
    });
  });

  it('names every manager the partner ever had', () => {
    expect(managerIdsOf(partnerEvents)).toEqual(['mia']);
  });
});

describe('a partner as of a moment', () => {
  it('is not there yet before its first event', () => {
    expect(asOf('2026-01-04')).toEqual({
      partnerId: 'acme',
      asOf: '2026-01-04T23:59:59.999Z',
      by: 'recorded',
      version: 0,
      events: [],
      state: { status: 'none' },
      partner: null,
      clearance: { partnerId: 'acme', cleared: true, blockers: [] },
    });
  });

  it('includes an event recorded exactly at the moment', () => {
    const answer = asOf('2026-01-06T10:00:00Z');

    expect(answer.version).toBe(2);
    expect(answer.partner?.manager).toEqual({ id: 'mia', name: 'Mia', email: 'mia@co.example' });
  });

  describe('on February 15th', () => {
    it('by recorded time, knows one commission and the open invoice, not the backdated commission', () => {
      const answer = asOf('2026-02-15T00:00:00Z', 'recorded');

      expect(answer.version).toBe(6);
      expect(answer.state).toEqual(
        expect.objectContaining({
          status: 'enabled',
          name: 'Acme',
          managerId: 'mia',
          commissions: [expect.objectContaining({ commissionId: 'c1', state: 'earned' })],
          invoices: [{ invoiceId: 'i1', amount: usd(20000), dueAt: null, state: 'issued' }],
          offboarding: null,
        }),
      );
      expect(answer.partner).toEqual({
        partnerId: 'acme',
        name: 'Acme',
        status: 'enabled',
        type: 'reseller',
        tier: 'silver',
        manager: { id: 'mia', name: 'Mia', email: 'mia@co.example' },
        joinedAt: '2026-01-05T10:00:00.000Z',
        leadCount: 0,
        revenue: { USD: 100000 },
        commissionsEarned: { USD: 10000 },
        commissionsPaid: {},
        commissionsOutstanding: { USD: 10000 },
        lastActivityAt: '2026-02-10T10:00:00.000Z',
      });
      expect(answer.clearance).toEqual({
        partnerId: 'acme',
        cleared: false,
        blockers: [
          { kind: 'unpaid_commission', id: 'c1', amount: usd(10000) },
          { kind: 'open_invoice', id: 'i1', amount: usd(20000) },
        ],
      });
    });

    it('by occurred time, also counts the commission entered later for a January sale', () => {
      const answer = asOf('2026-02-15T00:00:00Z', 'occurred');

      expect(answer.version).toBe(7);
      expect(answer.events.map((event) => event.version)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      expect(answer.partner).toEqual(
        expect.objectContaining({ revenue: { USD: 150000 }, commissionsEarned: { USD: 15000 }, commissionsOutstanding: { USD: 15000 } }),
      );
      expect(answer.clearance.blockers.map((blocker) => blocker.id)).toEqual(['c1', 'c2', 'i1']);
    });
  });

  describe('as of the date 2026-03-31 (the whole day)', () => {
    it('by recorded time, still sees the invoice open: its settlement was entered on April 2nd', () => {
      const answer = asOf('2026-03-31', 'recorded');

      expect(answer.version).toBe(8);
      expect(answer.partner).toEqual(expect.objectContaining({ commissionsPaid: { USD: 10000 }, commissionsOutstanding: { USD: 5000 } }));
      expect(answer.clearance.blockers.map((blocker) => blocker.id)).toEqual(['c2', 'i1']);
    });

    it('by occurred time, sees the invoice settled on the evening of the 31st', () => {
      const answer = asOf('2026-03-31', 'occurred');

      expect(answer.version).toBe(9);
      expect(answer.state).toEqual(expect.objectContaining({ invoices: [expect.objectContaining({ invoiceId: 'i1', state: 'settled' })] }));
      expect(answer.clearance).toEqual({ partnerId: 'acme', cleared: false, blockers: [{ kind: 'unpaid_commission', id: 'c2', amount: usd(5000) }] });
    });
  });

  it('shows no manager while the manager was not yet known on the clock asked', () => {
    const lateTeammate = [{ ...teammateEvents[0], recordedAt: '2026-01-08T00:00:00.000Z' }];
    const answer = partnerAsOf({ partnerId: 'acme', partnerEvents, teammateEvents: lateTeammate, asOf: '2026-01-07', by: 'recorded' });

    expect(answer.state).toEqual(expect.objectContaining({ managerId: 'mia' }));
    expect(answer.partner?.manager).toBeNull();
  });

  it('shows the offboarding, with its reason and override', () => {
    const offboarded = partner(10, 'PartnerOffboarded', { reason: 'contract ended', clearance: { cleared: false, blockers: [] }, override: { byTeammateId: 'olivia', reason: 'written off' } }, '2026-05-01T00:00:00.000Z');
    const answer = partnerAsOf({ partnerId: 'acme', partnerEvents: [...partnerEvents, ...decodeStream([offboarded], isPartnershipEvent)], teammateEvents, asOf: '2026-05-01' });

    expect(answer.state).toEqual(
      expect.objectContaining({ status: 'offboarded', offboarding: { reason: 'contract ended', override: { byTeammateId: 'olivia', reason: 'written off' } } }),
    );
    expect(answer.partner?.status).toBe('offboarded');
  });

  it('refuses a moment it cannot read', () => {
    expect(() => asOf('last tuesday')).toThrow(InvalidAsOfError);
  });
});
