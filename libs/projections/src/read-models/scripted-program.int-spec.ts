/*
 * Acceptance test of the read side: one scripted partner program, written by the real deciders
 * with chosen business times, projected by all four read models in batches of 7, then checked
 * against values worked out by hand from PRODUCT.md (never recomputed by projection-like code).
 *
 * The program (all times UTC, 2024; appended in business-time order):
 *
 *   Teammates  tm-ada "Ada Admin" (admin), tm-bea "Bea Brown", tm-cal "Cal Chen", tm-dan "Dan Diaz"
 *              (all `teammate` but Ada); emails <first name>@partners.test.
 *   Partners   p-acme "Acme Resellers"    reseller    gold    Bea from 02-01, Cal from 03-15 12:00
 *              p-bolt "Bolt Referrals"    referral    standard  Cal from 02-01, Ada from 04-10 09:00
 *              p-cove "Cove Technologies" technology  silver -> gold (04-18), never assigned
 *              p-dune "Dune Affiliates"   affiliate   bronze  Dan from 02-01; Dan demoted to viewer
 *                                                     (04-01); force-offboarded by Ada (04-03)
 *              p-echo "Echo Systems"      reseller    gold    Ada from 02-01; onboarded only
 *              p-fern "Fern Partners"     referral    standard  selected only, never assigned
 *
 *   Sales (sale / commission), customer, manager at the time:
 *     02-05 acme a-c1 100000/10000 USD cust-1  Bea   new; paid 03-10
 *     02-20 dune d-c1  40000/ 4000 USD cust-4  Dan   new; unpaid at offboarding, paid 04-15
 *     02-25 cove v-c1  30000/ 3000 USD cust-3  none  new
 *     03-04 acme a-c2  50000/ 5000 EUR cust-2  Bea   new
 *     03-08 bolt b-c1  20000/ 2000 USD cust-5  Cal   reversed 03-09
 *     03-18 bolt b-c2  60000/ 6000 USD cust-1  Cal   cust-1 again (first bought at Acme): not new; paid 03-25
 *     03-20 acme a-c3  80000/ 8000 USD cust-6  Cal   new (after the mid-month reassignment)
 *     03-22 cove v-c2  25000/ 2500 USD cust-5  none  not new: cust-5's reversed purchase came first
 *     04-12 bolt b-c3  10000/ 1000 EUR cust-7  Ada   new; paid 04-20
 *     04-16 acme a-c4  30000/ 3000 EUR cust-2  Cal   cust-2 again: not new
 *     04-22 acme a-c5  20000/ 2000 USD cust-9  Cal   reversed 04-25
 *
 *   Invoices and MDF:
 *     bolt b-i1 15000 USD issued 03-28, settled 04-05;  b-m1 7500 USD MDF 03-29, deliverable 04-08
 *     acme a-i1 12000 EUR issued 03-30, left open;      a-m1 9000 EUR MDF 03-31, no deliverable
 *                                                      a-m2 4000 USD MDF 04-02, deliverable 04-09
 *     dune d-i1  5000 USD issued 03-12, left open (also after the forced offboarding)
 *
 * The history is appended in two phases (the first ends just before Acme's reassignment), each
 * followed by a projection run, so that the second run continues from stored read-model state.
 *
 * The domain has no command or event that changes a teammate's name or email (only TeammateAdded
 * and TeammateRoleChanged exist), so "a teammate's details change after assignment" is covered by
 * the one change the command side can write: Dan's demotion to viewer while managing Dune.
 */
import {
  ErrorCodes,
  partnershipDecider,
  RuleViolationError,
  teammateSnapshot,
  type Clearance,
  type Money,
  type PartnerOffboarded,
  type PartnershipCommand,
  type PartnershipCommandType,
  type TeammateCommand,
} from '@partnerships/domain';
import type { EventStore } from '@partnerships/event-store';
import { partnershipCommand, type PartnershipCommandData } from '@partnerships/domain/testing';
import { deciderLedgers } from '../testing/decider-ledger';
import { countedProjectionRun, describeOnEachStore, type ReadModelEnvironment } from '../testing/read-model-harness';
import { allPartnersProjection } from './all-partners/all-partners.projection';
import { listAllPartners, readPartnerRow, type AllPartnersItem } from './all-partners/all-partners.query';
import { clearanceProjection } from './clearance/clearance.projection';
import { readClearance } from './clearance/clearance.query';
import { managerContactProjection } from './manager-contact/manager-contact.projection';
import { listTeammates, readManagerContact, type PartnerManagerContact } from './manager-contact/manager-contact.query';
import { managerPerformanceProjection } from './manager-performance/manager-performance.projection';
import { readManagerPerformance, type ManagerPerformanceOptions } from './manager-performance/manager-performance.query';

jest.setTimeout(120_000);

const BATCH_SIZE = 7;
/** 34 events in phase one, 23 in phase two (the refused assignment writes none). */
const EVENTS_IN_STORY = 57;

const { PartnerLedger, TeammateLedger } = deciderLedgers();
type PartnerLedger = InstanceType<typeof PartnerLedger>;
type TeammateLedger = InstanceType<typeof TeammateLedger>;

const usd = (amountMinor: number): Money => ({ amountMinor, currency: 'USD' });
const eur = (amountMinor: number): Money => ({ amountMinor, currency: 'EUR' });

/** The program's people and partners, one set of ledgers per store. */
interface Program {
  readonly ada: TeammateLedger;
  readonly bea: TeammateLedger;
  readonly cal: TeammateLedger;
  readonly dan: TeammateLedger;
  readonly acme: PartnerLedger;
  readonly bolt: PartnerLedger;
  readonly cove: PartnerLedger;
  readonly dune: PartnerLedger;
  readonly echo: PartnerLedger;
  readonly fern: PartnerLedger;
}

function newProgram(): Program {
  return {
    ada: new TeammateLedger('tm-ada'),
    bea: new TeammateLedger('tm-bea'),
    cal: new TeammateLedger('tm-cal'),
    dan: new TeammateLedger('tm-dan'),
    acme: new PartnerLedger('p-acme'),
    bolt: new PartnerLedger('p-bolt'),
    cove: new PartnerLedger('p-cove'),
    dune: new PartnerLedger('p-dune'),
    echo: new PartnerLedger('p-echo'),
    fern: new PartnerLedger('p-fern'),
  };
}

/** A command run at a business time; built when it runs, so teammate snapshots are current. */
interface Step {
  readonly at: string;
  readonly label: string;
  readonly run: (store: EventStore, now: Date) => Promise<boolean>;
}

function partnerStep<T extends PartnershipCommandType>(
  at: string,
  ledger: PartnerLedger,
  type: T,
  data: () => Omit<PartnershipCommandData<T>, 'partnerId'>,
): Step {
  return {
    at,
    label: `${at} ${ledger.partnerId} ${type}`,
    run: (store, now) => ledger.run(store, partnershipCommand(type, { partnerId: ledger.partnerId, ...data() }, now), at),
  };
}

function teammateStep(at: string, ledger: TeammateLedger, command: (now: Date) => TeammateCommand): Step {
  return { at, label: `${at} ${ledger.teammateId} ${command(new Date(at)).type}`, run: (store, now) => ledger.run(store, command(now), at) };
}

const addTeammate = (at: string, ledger: TeammateLedger, name: string, role: 'admin' | 'teammate'): Step =>
  teammateStep(at, ledger, (now) => ({
    type: 'AddTeammate',
    data: { teammateId: ledger.teammateId, name, email: `${name.split(' ')[0].toLowerCase()}@partners.test`, role, actorRole: 'owner' },
    metadata: { now },
  }));
const demoteToViewer = (at: string, ledger: TeammateLedger): Step =>
  teammateStep(at, ledger, (now) => ({ type: 'ChangeTeammateRole', data: { teammateId: ledger.teammateId, role: 'viewer', actorRole: 'owner' }, metadata: { now } }));
const select = (at: string, ledger: PartnerLedger, name: string, type: 'referral' | 'reseller' | 'technology' | 'affiliate', tier?: string) =>
  partnerStep(at, ledger, 'SelectPartner', () => ({ name, contactEmail: `hello@${ledger.partnerId}.test`, type, tier }));
const onboard = (at: string, ledger: PartnerLedger) => partnerStep(at, ledger, 'OnboardPartner', () => ({}));
const enable = (at: string, ledger: PartnerLedger) => partnerStep(at, ledger, 'EnablePartner', () => ({}));
const assign = (at: string, ledger: PartnerLedger, manager: TeammateLedger) =>
  partnerStep(at, ledger, 'AssignManager', () => ({ managerId: manager.teammateId, manager: teammateSnapshot(manager.state) }));
const changeTier = (at: string, ledger: PartnerLedger, tier: string) => partnerStep(at, ledger, 'ChangeTier', () => ({ tier }));
const referLead = (at: string, ledger: PartnerLedger, leadId: string, customerName: string) =>
  partnerStep(at, ledger, 'ReferLead', () => ({ leadId, customerName }));
const earn = (at: string, ledger: PartnerLedger, commissionId: string, customerId: string, sale: Money, commission: Money, leadId?: string) =>
  partnerStep(at, ledger, 'EarnCommission', () => ({ commissionId, customerId, saleAmount: sale, commissionAmount: commission, leadId }));
const payOut = (at: string, ledger: PartnerLedger, commissionId: string) => partnerStep(at, ledger, 'PayOutCommission', () => ({ commissionId }));
const reverse = (at: string, ledger: PartnerLedger, commissionId: string) =>
  partnerStep(at, ledger, 'ReverseCommission', () => ({ commissionId, reason: 'customer refunded' }));
const issueInvoice = (at: string, ledger: PartnerLedger, invoiceId: string, amount: Money) =>
  partnerStep(at, ledger, 'IssueInvoice', () => ({ invoiceId, amount }));
const settleInvoice = (at: string, ledger: PartnerLedger, invoiceId: string) => partnerStep(at, ledger, 'SettleInvoice', () => ({ invoiceId }));
const payOutMdf = (at: string, ledger: PartnerLedger, mdfId: string, amount: Money) =>
  partnerStep(at, ledger, 'PayOutMdf', () => ({ mdfId, amount, purpose: 'co-marketing campaign' }));
const recordDeliverable = (at: string, ledger: PartnerLedger, mdfId: string) =>
  partnerStep(at, ledger, 'RecordMdfDeliverable', () => ({ mdfId, description: 'campaign report' }));
const forceOffboard = (at: string, ledger: PartnerLedger, admin: TeammateLedger) =>
  partnerStep(at, ledger, 'OffboardPartner', () => ({
    reason: 'program restructured',
    override: { byTeammateId: admin.teammateId, reason: 'board decision' },
    overrideBy: teammateSnapshot(admin.state),
  }));

/** Up to Acme's mid-March reassignment (exclusive). */
function phaseOne(p: Program): Step[] {
  return [
    addTeammate('2024-01-02T09:00:00Z', p.ada, 'Ada Admin', 'admin'),
    addTeammate('2024-01-02T09:00:00Z', p.bea, 'Bea Brown', 'teammate'),
    addTeammate('2024-01-02T09:00:00Z', p.cal, 'Cal Chen', 'teammate'),
    addTeammate('2024-01-02T09:00:00Z', p.dan, 'Dan Diaz', 'teammate'),
    select('2024-01-10T09:00:00Z', p.acme, 'Acme Resellers', 'reseller', 'gold'),
    select('2024-01-10T09:00:00Z', p.bolt, 'Bolt Referrals', 'referral'),
    select('2024-01-10T09:00:00Z', p.cove, 'Cove Technologies', 'technology', 'silver'),
    select('2024-01-10T09:00:00Z', p.dune, 'Dune Affiliates', 'affiliate', 'bronze'),
    select('2024-01-10T09:00:00Z', p.echo, 'Echo Systems', 'reseller', 'gold'),
    select('2024-01-10T09:00:00Z', p.fern, 'Fern Partners', 'referral'),
    ...[p.acme, p.bolt, p.cove, p.dune, p.echo].map((partner) => onboard('2024-01-15T09:00:00Z', partner)),
    ...[p.acme, p.bolt, p.cove, p.dune].map((partner) => enable('2024-01-20T09:00:00Z', partner)),
    assign('2024-02-01T09:00:00Z', p.acme, p.bea),
    assign('2024-02-01T09:00:00Z', p.bolt, p.cal),
    assign('2024-02-01T09:00:00Z', p.dune, p.dan),
    assign('2024-02-01T09:00:00Z', p.echo, p.ada),
    referLead('2024-02-03T09:00:00Z', p.acme, 'a-l1', 'Globex'),
    earn('2024-02-05T10:00:00Z', p.acme, 'a-c1', 'cust-1', usd(100_000), usd(10_000), 'a-l1'),
    referLead('2024-02-14T09:00:00Z', p.bolt, 'b-l1', 'Initech'),
    earn('2024-02-20T15:00:00Z', p.dune, 'd-c1', 'cust-4', usd(40_000), usd(4_000)),
    earn('2024-02-25T12:00:00Z', p.cove, 'v-c1', 'cust-3', usd(30_000), usd(3_000)),
    referLead('2024-03-03T09:00:00Z', p.acme, 'a-l2', 'Umbrella'),
    earn('2024-03-04T10:00:00Z', p.acme, 'a-c2', 'cust-2', eur(50_000), eur(5_000)),
    earn('2024-03-08T10:00:00Z', p.bolt, 'b-c1', 'cust-5', usd(20_000), usd(2_000)),
    reverse('2024-03-09T10:00:00Z', p.bolt, 'b-c1'),
    payOut('2024-03-10T11:00:00Z', p.acme, 'a-c1'),
    issueInvoice('2024-03-12T09:00:00Z', p.dune, 'd-i1', usd(5_000)),
  ];
}

function phaseTwo(p: Program): Step[] {
  return [
    assign('2024-03-15T12:00:00Z', p.acme, p.cal),
    earn('2024-03-18T10:00:00Z', p.bolt, 'b-c2', 'cust-1', usd(60_000), usd(6_000)),
    earn('2024-03-20T10:00:00Z', p.acme, 'a-c3', 'cust-6', usd(80_000), usd(8_000)),
    earn('2024-03-22T10:00:00Z', p.cove, 'v-c2', 'cust-5', usd(25_000), usd(2_500)),
    payOut('2024-03-25T10:00:00Z', p.bolt, 'b-c2'),
    issueInvoice('2024-03-28T10:00:00Z', p.bolt, 'b-i1', usd(15_000)),
    payOutMdf('2024-03-29T10:00:00Z', p.bolt, 'b-m1', usd(7_500)),
    issueInvoice('2024-03-30T10:00:00Z', p.acme, 'a-i1', eur(12_000)),
    payOutMdf('2024-03-31T10:00:00Z', p.acme, 'a-m1', eur(9_000)),
    demoteToViewer('2024-04-01T09:00:00Z', p.dan),
    payOutMdf('2024-04-02T10:00:00Z', p.acme, 'a-m2', usd(4_000)),
    forceOffboard('2024-04-03T10:00:00Z', p.dune, p.ada),
    settleInvoice('2024-04-05T10:00:00Z', p.bolt, 'b-i1'),
    recordDeliverable('2024-04-08T10:00:00Z', p.bolt, 'b-m1'),
    recordDeliverable('2024-04-09T10:00:00Z', p.acme, 'a-m2'),
    assign('2024-04-10T09:00:00Z', p.bolt, p.ada),
    earn('2024-04-12T10:00:00Z', p.bolt, 'b-c3', 'cust-7', eur(10_000), eur(1_000)),
    payOut('2024-04-15T10:00:00Z', p.dune, 'd-c1'),
    earn('2024-04-16T10:00:00Z', p.acme, 'a-c4', 'cust-2', eur(30_000), eur(3_000)),
    changeTier('2024-04-18T10:00:00Z', p.cove, 'gold'),
    payOut('2024-04-20T10:00:00Z', p.bolt, 'b-c3'),
    earn('2024-04-22T10:00:00Z', p.acme, 'a-c5', 'cust-9', usd(20_000), usd(2_000)),
    reverse('2024-04-25T10:00:00Z', p.acme, 'a-c5'),
  ];
}

async function runSteps(store: EventStore, steps: readonly Step[]): Promise<void> {
  for (const step of steps) {
    // The label names a refused step in the failure message.
    expect({ step: step.label, accepted: await step.run(store, new Date(step.at)) }).toEqual({ step: step.label, accepted: true });
  }
}

/** What the partnership decider answers to a plain (not forced) OffboardPartner now. */
function offboardDecision(ledger: PartnerLedger): { allowed: true; clearance: Clearance } | { allowed: false; code: string; blockers: unknown } {
  const command: PartnershipCommand = {
    type: 'OffboardPartner',
    data: { partnerId: ledger.partnerId, reason: 'checking clearance', override: null, overrideBy: null },
    metadata: { now: new Date('2024-05-01T00:00:00Z') },
  };
  try {
    const [event] = partnershipDecider.decide(command, ledger.state) as PartnerOffboarded[];
    return { allowed: true, clearance: event.data.clearance };
  } catch (error) {
    if (error instanceof RuleViolationError) {
      return { allowed: false, code: error.code, blockers: error.details?.blockers };
    }
    throw error;
  }
}

const managers = {
  ada: { id: 'tm-ada', name: 'Ada Admin', email: 'ada@partners.test' },
  bea: { id: 'tm-bea', name: 'Bea Brown', email: 'bea@partners.test' },
  cal: { id: 'tm-cal', name: 'Cal Chen', email: 'cal@partners.test' },
  dan: { id: 'tm-dan', name: 'Dan Diaz', email: 'dan@partners.test' },
};

const JOINED = '2024-01-10T09:00:00.000Z';

const expectedRows: Readonly<Record<'acme' | 'bolt' | 'cove' | 'dune' | 'echo' | 'fern', AllPartnersItem>> = {
  acme: {
    partnerId: 'p-acme',
    name: 'Acme Resellers',
    status: 'enabled',
    type: 'reseller',
    tier: 'gold',
    manager: managers.cal,
    joinedAt: JOINED,
    leadCount: 2,
    // a-c1 100000 + a-c3 80000 USD (a-c5 reversed); a-c2 50000 + a-c4 30000 EUR.
    revenue: { USD: 180_000, EUR: 80_000 },
    commissionsEarned: { USD: 18_000, EUR: 8_000 },
    commissionsPaid: { USD: 10_000 },
    commissionsOutstanding: { USD: 8_000, EUR: 8_000 },
    lastActivityAt: '2024-04-25T10:00:00.000Z',
  },
  bolt: {
    partnerId: 'p-bolt',
    name: 'Bolt Referrals',
    status: 'enabled',
    type: 'referral',
    tier: 'standard',
    manager: managers.ada,
    joinedAt: JOINED,
    leadCount: 1,
    // b-c1 reversed; b-c2 and b-c3 paid: nothing outstanding.
    revenue: { USD: 60_000, EUR: 10_000 },
    commissionsEarned: { USD: 6_000, EUR: 1_000 },
    commissionsPaid: { USD: 6_000, EUR: 1_000 },
    commissionsOutstanding: {},
    lastActivityAt: '2024-04-20T10:00:00.000Z',
  },
  cove: {
    partnerId: 'p-cove',
    name: 'Cove Technologies',
    status: 'enabled',
    type: 'technology',
    tier: 'gold',
    manager: null,
    joinedAt: JOINED,
    leadCount: 0,
    revenue: { USD: 55_000 },
    commissionsEarned: { USD: 5_500 },
    commissionsPaid: {},
    commissionsOutstanding: { USD: 5_500 },
    lastActivityAt: '2024-04-18T10:00:00.000Z',
  },
  dune: {
    partnerId: 'p-dune',
    name: 'Dune Affiliates',
    status: 'offboarded',
    type: 'affiliate',
    tier: 'bronze',
    manager: managers.dan,
    joinedAt: JOINED,
    leadCount: 0,
    revenue: { USD: 40_000 },
    commissionsEarned: { USD: 4_000 },
    commissionsPaid: { USD: 4_000 },
    commissionsOutstanding: {},
    lastActivityAt: '2024-04-15T10:00:00.000Z',
  },
  echo: {
    partnerId: 'p-echo',
    name: 'Echo Systems',
    status: 'onboarded',
    type: 'reseller',
    tier: 'gold',
    manager: managers.ada,
    joinedAt: JOINED,
    leadCount: 0,
    revenue: {},
    commissionsEarned: {},
    commissionsPaid: {},
    commissionsOutstanding: {},
    lastActivityAt: '2024-02-01T09:00:00.000Z',
  },
  fern: {
    partnerId: 'p-fern',
    name: 'Fern Partners',
    status: 'selected',
    type: 'referral',
    tier: 'standard',
    manager: null,
    joinedAt: JOINED,
    leadCount: 0,
    revenue: {},
    commissionsEarned: {},
    commissionsPaid: {},
    commissionsOutstanding: {},
    lastActivityAt: '2024-01-10T09:00:00.000Z',
  },
};

const bucket = (period: string, newRevenueMinor: number, totalRevenueMinor: number) => ({ period, newRevenueMinor, totalRevenueMinor });
const series = (manager: { id: string; name: string } | null, ...buckets: ReturnType<typeof bucket>[]) => ({
  managerId: manager?.id ?? null,
  managerName: manager?.name ?? null,
  buckets,
});
const YEAR_2024 = { from: new Date('2024-01-01T00:00:00Z'), to: new Date('2025-01-01T00:00:00Z') };

function describeScriptedProgram(storeName: string, environment: () => ReadModelEnvironment): void {
  describe(`A scripted program on ${storeName}, projected by all four read models`, () => {
    const runs = [allPartnersProjection, clearanceProjection, managerContactProjection, managerPerformanceProjection].map((projection) =>
      countedProjectionRun(projection, BATCH_SIZE, environment),
    );
    const projectAll = async (): Promise<void> => {
      for (const run of runs) {
        await run.project();
      }
    };
    const program = newProgram();
    let acmeContactBeforeReassignment: PartnerManagerContact | null = null;
    let echoAssignedToDemotedDan: boolean | undefined;

    beforeAll(async () => {
      const { store, readModel } = environment();
      await runSteps(store, phaseOne(program));
      await projectAll();
      acmeContactBeforeReassignment = await readManagerContact(readModel, 'p-acme');
      await runSteps(store, phaseTwo(program));
      // A demoted teammate can no longer be given a partner: refused, nothing written.
      echoAssignedToDemotedDan = await assign('2024-04-26T09:00:00Z', program.echo, program.dan).run(store, new Date('2024-04-26T09:00:00Z'));
      await projectAll();
    });

    it('applies the history in batches of at most 7, split across batches', () => {
      for (const { batchSizes } of runs) {
        expect(Math.max(...batchSizes)).toBe(BATCH_SIZE);
        // The 57 events of the story, plus the head markers each run appends (settledHead).
        expect(batchSizes.reduce((sum, size) => sum + size, 0)).toBeGreaterThanOrEqual(EVENTS_IN_STORY);
      }
      expect(echoAssignedToDemotedDan).toBe(false);
    });

    describe('All Partners', () => {
      it('has one row per partner with status, type, tier, current manager and money totals net of reversals', async () => {
        const { readModel } = environment();
        const page = await listAllPartners(readModel);
        expect(page).toEqual({
          items: [expectedRows.acme, expectedRows.bolt, expectedRows.cove, expectedRows.dune, expectedRows.echo, expectedRows.fern],
          nextCursor: null,
        });
        expect(await readPartnerRow(readModel, 'p-acme')).toEqual(expectedRows.acme);
        expect(await readPartnerRow(readModel, 'p-dune')).toEqual(expectedRows.dune);
        expect(await readPartnerRow(readModel, 'p-nobody')).toBeNull();
      });

      it('filters by manager (a reassigned-away manager has none left), unassigned, status, type, tier and text', async () => {
        const { readModel } = environment();
        const ids = async (options: Parameters<typeof listAllPartners>[1]) =>
          (await listAllPartners(readModel, options)).items.map((item) => item.partnerId);
        expect(await ids({ managerId: 'tm-ada' })).toEqual(['p-bolt', 'p-echo']);
        expect(await ids({ managerId: 'tm-cal' })).toEqual(['p-acme']);
        expect(await ids({ managerId: 'tm-bea' })).toEqual([]);
        expect(await ids({ managerId: 'tm-dan' })).toEqual(['p-dune']);
        expect(await ids({ managerId: 'unassigned' })).toEqual(['p-cove', 'p-fern']);
        expect(await ids({ managerId: 'unassigned', status: 'enabled' })).toEqual(['p-cove']);
        expect(await ids({ status: 'enabled' })).toEqual(['p-acme', 'p-bolt', 'p-cove']);
        expect(await ids({ status: 'offboarded' })).toEqual(['p-dune']);
        expect(await ids({ type: 'reseller' })).toEqual(['p-acme', 'p-echo']);
        expect(await ids({ type: 'referral' })).toEqual(['p-bolt', 'p-fern']);
        expect(await ids({ tier: 'gold' })).toEqual(['p-acme', 'p-cove', 'p-echo']);
        expect(await ids({ q: 'SYS' })).toEqual(['p-echo']);
        expect(await ids({ q: 'res' })).toEqual(['p-acme']);
        expect(await ids({ q: 'partners', managerId: 'unassigned' })).toEqual(['p-fern']);
      });

      it('sorts by last activity, most recent first, across cursor pages', async () => {
        const { readModel } = environment();
        const first = await listAllPartners(readModel, { sort: '-lastActivityAt', limit: 4 });
        expect(first.items.map((item) => [item.partnerId, item.lastActivityAt])).toEqual([
          ['p-acme', '2024-04-25T10:00:00.000Z'],
          ['p-bolt', '2024-04-20T10:00:00.000Z'],
          ['p-cove', '2024-04-18T10:00:00.000Z'],
          ['p-dune', '2024-04-15T10:00:00.000Z'],
        ]);
        expect(first.nextCursor).not.toBeNull();
        const second = await listAllPartners(readModel, { sort: '-lastActivityAt', limit: 4, cursor: first.nextCursor ?? undefined });
        expect(second).toEqual({ items: [expectedRows.echo, expectedRows.fern], nextCursor: null });
      });
    });

    describe('Manager performance', () => {
      const chart = (options: Omit<ManagerPerformanceOptions, 'from' | 'to'>, range = YEAR_2024) =>
        readManagerPerformance(environment().readModel, { ...range, ...options });

      it('attributes each USD sale per month to the manager of its time, new revenue only for first purchases', async () => {
        expect(await chart({ interval: 'month', currency: 'USD', attribution: 'at-event' })).toEqual({
          interval: 'month',
          attribution: 'at-event',
          currency: 'USD',
          series: [
            // a-c1, before Acme moved to Cal.
            series(managers.bea, bucket('2024-02', 100_000, 100_000)),
            // a-c3 new 80000; b-c2 60000 is cust-1's second purchase.
            series(managers.cal, bucket('2024-03', 80_000, 140_000)),
            series(managers.dan, bucket('2024-02', 40_000, 40_000)),
            // v-c2 25000: cust-5 bought (then was refunded) at Bolt first.
            series(null, bucket('2024-02', 30_000, 30_000), bucket('2024-03', 0, 25_000)),
          ],
        });
      });

      it('attributes every USD sale to the partner\'s current manager with attribution=current', async () => {
        expect(await chart({ interval: 'month', currency: 'USD', attribution: 'current' })).toEqual({
          interval: 'month',
          attribution: 'current',
          currency: 'USD',
          series: [
            // Bolt is Ada's now: its b-c2.
            series(managers.ada, bucket('2024-03', 0, 60_000)),
            // Acme is Cal's now: a-c1 and a-c3.
            series(managers.cal, bucket('2024-02', 100_000, 100_000), bucket('2024-03', 80_000, 80_000)),
            series(managers.dan, bucket('2024-02', 40_000, 40_000)),
            series(null, bucket('2024-02', 30_000, 30_000), bucket('2024-03', 0, 25_000)),
          ],
        });
      });

      it('charts EUR separately, under both attributions', async () => {
        expect((await chart({ interval: 'month', currency: 'EUR', attribution: 'at-event' })).series).toEqual([
          series(managers.ada, bucket('2024-04', 10_000, 10_000)),
          series(managers.bea, bucket('2024-03', 50_000, 50_000)),
          // a-c4: cust-2's second purchase.
          series(managers.cal, bucket('2024-04', 0, 30_000)),
        ]);
        expect((await chart({ interval: 'month', currency: 'EUR', attribution: 'current' })).series).toEqual([
          series(managers.ada, bucket('2024-04', 10_000, 10_000)),
          series(managers.cal, bucket('2024-03', 50_000, 50_000), bucket('2024-04', 0, 30_000)),
        ]);
      });

      it('buckets by ISO week, labelled by its Monday', async () => {
        expect((await chart({ interval: 'week', currency: 'USD', attribution: 'at-event' })).series).toEqual([
          series(managers.bea, bucket('2024-02-05', 100_000, 100_000)),
          series(managers.cal, bucket('2024-03-18', 80_000, 140_000)),
          series(managers.dan, bucket('2024-02-19', 40_000, 40_000)),
          // Tuesday 02-20 and Sunday 02-25 share the week of Monday 02-19.
          series(null, bucket('2024-02-19', 30_000, 30_000), bucket('2024-03-18', 0, 25_000)),
        ]);
      });

      it('answers one manager\'s series, the unassigned series, and a window', async () => {
        expect((await chart({ interval: 'month', currency: 'USD', attribution: 'at-event', managerId: 'tm-bea' })).series).toEqual([
          series(managers.bea, bucket('2024-02', 100_000, 100_000)),
        ]);
        expect((await chart({ interval: 'month', currency: 'USD', attribution: 'current', managerId: 'tm-bea' })).series).toEqual([]);
        expect((await chart({ interval: 'month', currency: 'USD', attribution: 'current', managerId: 'unassigned' })).series).toEqual([
          series(null, bucket('2024-02', 30_000, 30_000), bucket('2024-03', 0, 25_000)),
        ]);
        const march = { from: new Date('2024-03-01T00:00:00Z'), to: new Date('2024-04-01T00:00:00Z') };
        expect((await chart({ interval: 'day', currency: 'USD', attribution: 'at-event' }, march)).series).toEqual([
          series(managers.cal, bucket('2024-03-18', 0, 60_000), bucket('2024-03-20', 80_000, 80_000)),
          series(null, bucket('2024-03-22', 0, 25_000)),
        ]);
      });
    });

    describe('Offboarding clearance', () => {
      const acmeBlockers = [
        { kind: 'unpaid_commission', id: 'a-c2', amount: eur(5_000) },
        { kind: 'unpaid_commission', id: 'a-c3', amount: usd(8_000) },
        { kind: 'unpaid_commission', id: 'a-c4', amount: eur(3_000) },
        { kind: 'open_invoice', id: 'a-i1', amount: eur(12_000) },
        { kind: 'mdf_without_deliverable', id: 'a-m1', amount: eur(9_000) },
      ];
      const coveBlockers = [
        { kind: 'unpaid_commission', id: 'v-c1', amount: usd(3_000) },
        { kind: 'unpaid_commission', id: 'v-c2', amount: usd(2_500) },
      ];

      it('lists every kind of blocker, by kind then creation, skipping paid, reversed, settled and delivered items', async () => {
        const { readModel } = environment();
        expect(await readClearance(readModel, 'p-acme')).toEqual({ cleared: false, blockers: acmeBlockers });
        expect(await readClearance(readModel, 'p-cove')).toEqual({ cleared: false, blockers: coveBlockers });
      });

      it('clears a partner whose commissions are paid or reversed, invoices settled and MDF delivered', async () => {
        const { readModel } = environment();
        expect(await readClearance(readModel, 'p-bolt')).toEqual({ cleared: true, blockers: [] });
        expect(await readClearance(readModel, 'p-echo')).toEqual({ cleared: true, blockers: [] });
        expect(await readClearance(readModel, 'p-fern')).toEqual({ cleared: true, blockers: [] });
      });

      it('keeps what a forced offboarding left open, less what was settled after it', async () => {
        const { readModel } = environment();
        expect(await readClearance(readModel, 'p-dune')).toEqual({
          cleared: false,
          blockers: [{ kind: 'open_invoice', id: 'd-i1', amount: usd(5_000) }],
        });
        const offboarded = program.dune.events.find(({ event }) => event.type === 'PartnerOffboarded')?.event;
        expect(offboarded?.data).toEqual({
          partnerId: 'p-dune',
          reason: 'program restructured',
          clearance: {
            cleared: false,
            blockers: [
              { kind: 'unpaid_commission', id: 'd-c1', amount: usd(4_000) },
              { kind: 'open_invoice', id: 'd-i1', amount: usd(5_000) },
            ],
          },
          override: { byTeammateId: 'tm-ada', reason: 'board decision' },
        });
      });

      it('agrees with the offboard decision of the partnership decider', async () => {
        const { readModel } = environment();
        expect(offboardDecision(program.acme)).toEqual({ allowed: false, code: ErrorCodes.CLEARANCE_REQUIRED, blockers: acmeBlockers });
        expect(offboardDecision(program.cove)).toEqual({ allowed: false, code: ErrorCodes.CLEARANCE_REQUIRED, blockers: coveBlockers });
        expect(offboardDecision(program.bolt)).toEqual({ allowed: true, clearance: { cleared: true, blockers: [] } });
        expect(offboardDecision(program.echo)).toEqual({ allowed: true, clearance: { cleared: true, blockers: [] } });
        for (const partner of [program.acme, program.cove, program.bolt, program.echo]) {
          const decision = offboardDecision(partner);
          const clearance = await readClearance(readModel, partner.partnerId);
          expect(decision.allowed ? decision.clearance : { cleared: false, blockers: decision.blockers }).toEqual(clearance);
        }
        // Offboarding is terminal: the decider refuses a second one whatever the clearance says.
        expect(offboardDecision(program.dune)).toEqual({ allowed: false, code: ErrorCodes.PARTNER_OFFBOARDED, blockers: undefined });
      });
    });

    describe("Partner's view of its manager", () => {
      it('follows a reassignment: Bea before, Cal after', async () => {
        const { readModel } = environment();
        expect(acmeContactBeforeReassignment).toEqual({ partnerId: 'p-acme', manager: managers.bea });
        expect(await readManagerContact(readModel, 'p-acme')).toEqual({ partnerId: 'p-acme', manager: managers.cal });
        expect(await readManagerContact(readModel, 'p-bolt')).toEqual({ partnerId: 'p-bolt', manager: managers.ada });
      });

      it('keeps showing a manager whose role changed after the assignment, and no manager for unassigned partners', async () => {
        const { readModel } = environment();
        expect(await readManagerContact(readModel, 'p-dune')).toEqual({ partnerId: 'p-dune', manager: managers.dan });
        expect(await readManagerContact(readModel, 'p-cove')).toEqual({ partnerId: 'p-cove', manager: null });
        expect(await readManagerContact(readModel, 'p-fern')).toEqual({ partnerId: 'p-fern', manager: null });
        expect(await listTeammates(readModel)).toEqual([
          { teammateId: 'tm-ada', name: 'Ada Admin', email: 'ada@partners.test', role: 'admin', status: 'active' },
          { teammateId: 'tm-bea', name: 'Bea Brown', email: 'bea@partners.test', role: 'teammate', status: 'active' },
          { teammateId: 'tm-cal', name: 'Cal Chen', email: 'cal@partners.test', role: 'teammate', status: 'active' },
          { teammateId: 'tm-dan', name: 'Dan Diaz', email: 'dan@partners.test', role: 'viewer', status: 'active' },
        ]);
      });
    });
  });
}

describeOnEachStore('scripted_program', describeScriptedProgram);
