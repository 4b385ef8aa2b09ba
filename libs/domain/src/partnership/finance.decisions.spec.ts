import { ConflictError, NotFoundError, RuleViolationError, ValidationError } from '../shared/errors';
import { DeciderSpecification } from '../testing/decider-specification';
import {
  enabledHistory,
  invoiceIssued,
  mdfPaidOut,
  offboardedHistory,
  onboardedHistory,
  partnerOffboarded,
  partnershipCommand,
  partnershipEvent,
  selectedHistory,
  usd,
} from '../testing/partnership.fixtures';
import { partnershipDecider } from './partnership.decider';

const spec = DeciderSpecification.for(partnershipDecider);

describe('issuing an invoice', () => {
  const issue = (data: { amountMinor?: number; dueAt?: string | null } = {}) =>
    partnershipCommand('IssueInvoice', {
      invoiceId: 'inv1',
      amount: usd(data.amountMinor ?? 5_000),
      dueAt: data.dueAt === undefined ? '2026-04-01' : data.dueAt,
    });
  const issued = partnershipEvent('InvoiceIssued', { invoiceId: 'inv1', amount: usd(5_000), dueAt: '2026-04-01' });

  it.each([
    ['selected', selectedHistory],
    ['onboarded', onboardedHistory],
    ['enabled', enabledHistory],
  ])('issues an invoice to a %s partner', (_status, history) => {
    spec.given(history).when(issue()).then([issued]);
  });

  it('records an absent due date as null', () => {
    spec.given(enabledHistory).when(issue({ dueAt: null })).then([invoiceIssued('inv1')]);
  });

  it('accepts a due date-time with an offset', () => {
    spec
      .given(enabledHistory)
      .when(issue({ dueAt: '2026-04-01T17:00:00+02:00' }))
      .then([partnershipEvent('InvoiceIssued', { ...issued.data, dueAt: '2026-04-01T17:00:00+02:00' })]);
  });

  it.each(['2026-02-30', 'tomorrow', '2026-04-01T25:00:00Z'])('refuses the due date %s', (dueAt) => {
    spec
      .given(enabledHistory)
      .when(issue({ dueAt }))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'dueAt' })] });
  });

  it.each([0, -5])('refuses an amount of %i with INVALID_AMOUNT', (amountMinor) => {
    spec.given(enabledHistory).when(issue({ amountMinor })).thenThrows(ValidationError, 'INVALID_AMOUNT');
  });

  it('writes nothing when the same invoice is issued again', () => {
    spec.given([...enabledHistory, issued]).when(issue()).thenNothing();
  });

  it.each([
    ['amount', { amountMinor: 5_001 }],
    ['due date', { dueAt: '2026-05-01' }],
  ])('refuses the same invoice id with another %s with INVOICE_ID_CONFLICT', (_what, data) => {
    spec
      .given([...enabledHistory, issued])
      .when(issue(data))
      .thenThrows(ConflictError, 'INVOICE_ID_CONFLICT', { invoiceId: 'inv1' });
  });

  it('refuses a new invoice after offboarding with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(issue()).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });

  it('still treats a replay of an invoice issued before offboarding as a no-op', () => {
    spec.given([...enabledHistory, issued, partnerOffboarded]).when(issue()).thenNothing();
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(issue()).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});

describe('settling an invoice', () => {
  const settle = partnershipCommand('SettleInvoice', { invoiceId: 'inv1' });
  const settled = partnershipEvent('InvoiceSettled', { invoiceId: 'inv1', amount: usd(5_000) });

  it('settles an open invoice for its amount', () => {
    spec.given([...enabledHistory, invoiceIssued('inv1')]).when(settle).then([settled]);
  });

  it('settles after offboarding', () => {
    spec.given([...enabledHistory, invoiceIssued('inv1'), partnerOffboarded]).when(settle).then([settled]);
  });

  it('refuses a second settlement with INVOICE_ALREADY_SETTLED', () => {
    spec
      .given([...enabledHistory, invoiceIssued('inv1'), settled])
      .when(settle)
      .thenThrows(RuleViolationError, 'INVOICE_ALREADY_SETTLED', { invoiceId: 'inv1' });
  });

  it('refuses an unknown invoice with INVOICE_NOT_FOUND', () => {
    spec.given(enabledHistory).when(settle).thenThrows(NotFoundError, 'INVOICE_NOT_FOUND', { invoiceId: 'inv1' });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(settle).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});

describe('paying out MDF', () => {
  const payOut = (data: { amountMinor?: number; purpose?: string } = {}) =>
    partnershipCommand('PayOutMdf', {
      mdfId: 'mdf1',
      amount: usd(data.amountMinor ?? 20_000),
      purpose: data.purpose ?? 'Trade show booth',
    });

  it.each([
    ['selected', selectedHistory],
    ['onboarded', onboardedHistory],
    ['enabled', enabledHistory],
  ])('pays out MDF to a %s partner', (_status, history) => {
    spec.given(history).when(payOut()).then([mdfPaidOut('mdf1')]);
  });

  it.each([0, -1])('refuses an amount of %i with INVALID_AMOUNT', (amountMinor) => {
    spec.given(enabledHistory).when(payOut({ amountMinor })).thenThrows(ValidationError, 'INVALID_AMOUNT');
  });

  it('refuses a payout without a purpose', () => {
    spec
      .given(enabledHistory)
      .when(payOut({ purpose: ' ' }))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'purpose' })] });
  });

  it('writes nothing when the same MDF payout is repeated', () => {
    spec.given([...enabledHistory, mdfPaidOut('mdf1')]).when(payOut()).thenNothing();
  });

  it.each([
    ['amount', { amountMinor: 1 }],
    ['purpose', { purpose: 'Webinar' }],
  ])('refuses the same MDF id with another %s with MDF_ID_CONFLICT', (_what, data) => {
    spec
      .given([...enabledHistory, mdfPaidOut('mdf1')])
      .when(payOut(data))
      .thenThrows(ConflictError, 'MDF_ID_CONFLICT', { mdfId: 'mdf1' });
  });

  it('refuses new MDF after offboarding with PARTNER_OFFBOARDED', () => {
    spec.given(offboardedHistory).when(payOut()).thenThrows(RuleViolationError, 'PARTNER_OFFBOARDED');
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(payOut()).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});

describe('recording an MDF deliverable', () => {
  const record = (url?: string | null) =>
    partnershipCommand('RecordMdfDeliverable', { mdfId: 'mdf1', description: 'Booth photos', url });
  const received = partnershipEvent('MdfDeliverableReceived', {
    mdfId: 'mdf1',
    description: 'Booth photos',
    url: 'https://acme.test/booth',
  });

  it('records the deliverable with its link', () => {
    spec
      .given([...enabledHistory, mdfPaidOut('mdf1')])
      .when(record('https://acme.test/booth'))
      .then([received]);
  });

  it('records an absent link as null', () => {
    spec
      .given([...enabledHistory, mdfPaidOut('mdf1')])
      .when(record())
      .then([partnershipEvent('MdfDeliverableReceived', { ...received.data, url: null })]);
  });

  it('records after offboarding', () => {
    spec
      .given([...enabledHistory, mdfPaidOut('mdf1'), partnerOffboarded])
      .when(record('https://acme.test/booth'))
      .then([received]);
  });

  it('refuses a link that is not an http(s) URL', () => {
    spec
      .given([...enabledHistory, mdfPaidOut('mdf1')])
      .when(record('ftp://acme.test/booth'))
      .thenThrows(ValidationError, 'VALIDATION_FAILED', { errors: [expect.objectContaining({ field: 'url' })] });
  });

  it('refuses a second deliverable with MDF_DELIVERABLE_ALREADY_RECEIVED', () => {
    spec
      .given([...enabledHistory, mdfPaidOut('mdf1'), received])
      .when(record('https://acme.test/booth'))
      .thenThrows(RuleViolationError, 'MDF_DELIVERABLE_ALREADY_RECEIVED', { mdfId: 'mdf1' });
  });

  it('refuses an unknown MDF payout with MDF_NOT_FOUND', () => {
    spec.given(enabledHistory).when(record()).thenThrows(NotFoundError, 'MDF_NOT_FOUND', { mdfId: 'mdf1' });
  });

  it('refuses an unknown partner with PARTNER_NOT_FOUND', () => {
    spec.given([]).when(record()).thenThrows(NotFoundError, 'PARTNER_NOT_FOUND');
  });
});
