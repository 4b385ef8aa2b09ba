import { partnerAsOf, partnerHistory } from '@partnerships/projections';
import { isPartnershipEvent, isTeammateEvent } from '@partnerships/domain';
import { decodeStream, type RecordedEvent } from '@partnerships/event-store';
import { historyText, stateText } from './history-output';
import { moneyText } from './money-text';

const usd = (amountMinor: number) => ({ amountMinor, currency: 'USD' });

function event(version: number, type: string, data: Record<string, unknown>, recordedAt: string, occurredAt = recordedAt): RecordedEvent {
  const streamId = type.startsWith('Teammate') ? 'teammate-mia' : 'partnership-acme';
  return {
    streamId,
    version,
    position: String(version),
    eventId: `e${version}`,
    type,
    data: { partnerId: 'acme', ...data },
    recordedAt,
    metadata: { occurredAt, actor: 'alice', correlationId: 'c', causationId: null, schemaVersion: 1 },
  };
}

const partnerEvents = decodeStream([
  event(1, 'PartnerSelected', { name: 'Acme', contactName: null, contactEmail: 'dana@acme.example', type: 'reseller', tier: 'silver', reason: null }, '2026-01-05T10:00:00.000Z'),
  event(2, 'PartnerManagerReassigned', { managerId: 'mia', previousManagerId: null }, '2026-01-06T10:00:00.000Z'),
  event(3, 'PartnerOnboarded', { notes: null }, '2026-01-10T10:00:00.000Z'),
  event(4, 'PartnerEnabled', { notes: null }, '2026-01-15T10:00:00.000Z'),
  event(5, 'CommissionEarned', { commissionId: 'c1', customerId: 'k1', saleAmount: usd(100000), commissionAmount: usd(10000), leadId: null }, '2026-02-01T10:00:00.000Z', '2026-01-20T08:00:00+01:00'),
], isPartnershipEvent);
const teammateEvents = decodeStream(
  [event(1, 'TeammateAdded', { teammateId: 'mia', name: 'Mia', email: 'mia@co.example', role: 'teammate' }, '2026-01-01T00:00:00.000Z')],
  isTeammateEvent,
);

describe('partnerctl history output', () => {
  it('aligns one line per event under a header, times in UTC, key fields summarised', () => {
    const lines = historyText(partnerHistory('acme', partnerEvents)).trimEnd().split('\n');

    expect(lines[0]).toBe('partner acme: 5 events');
    expect(lines[1]).toMatch(/^VERSION {2}TYPE +OCCURRED +RECORDED +ACTOR {2}SUMMARY$/);
    expect(lines[2]).toBe(
      '      1  PartnerSelected           2026-01-05T10:00:00.000Z  2026-01-05T10:00:00.000Z  alice  Acme, reseller, tier silver, contact dana@acme.example',
    );
    expect(lines[3]).toContain('manager mia (was none)');
    expect(lines[6]).toContain('2026-01-20T07:00:00.000Z  2026-02-01T10:00:00.000Z  alice  commission c1: 100.00 USD on a 1,000.00 USD sale to k1');
  });
});

describe('partnerctl state output', () => {
  it('shows status, manager, counts, money and the blockers', () => {
    const text = stateText(partnerAsOf({ partnerId: 'acme', partnerEvents, teammateEvents, asOf: '2026-03-01' }));

    expect(text).toBe(
      [
        'partner acme as of 2026-03-01T23:59:59.999Z (recorded time: what the system knew then): 5 events',
        'name:          Acme (reseller, tier silver)',
        'status:        enabled',
        'manager:       Mia <mia@co.example> (mia)',
        'joined:        2026-01-05T10:00:00.000Z',
        'last activity: 2026-01-20T07:00:00.000Z',
        'leads:         0',
        'commissions:   1 (1 earned)',
        'invoices:      0',
        'mdf:           0',
        'revenue:       1,000.00 USD',
        'earned:        100.00 USD',
        'paid:          -',
        'outstanding:   100.00 USD',
        'clearance:     blocked by 1',
        '  unpaid_commission c1: 100.00 USD',
        '',
      ].join('\n'),
    );
  });

  it('says the partner was not selected yet before its first event', () => {
    expect(stateText(partnerAsOf({ partnerId: 'acme', partnerEvents, teammateEvents, asOf: '2025-12-31' }))).toBe(
      'partner acme as of 2025-12-31T23:59:59.999Z (recorded time: what the system knew then): 0 events\nstatus: none (not selected yet)\n',
    );
  });

  it('shows amounts in major units with the currency’s own decimals', () => {
    expect(moneyText({ amountMinor: 123456, currency: 'USD' })).toBe('1,234.56 USD');
    expect(moneyText({ amountMinor: 1500, currency: 'JPY' })).toBe('1,500 JPY');
  });
});
