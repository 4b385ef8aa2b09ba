import {
  teammateSnapshot,
  type PartnershipCommand,
  type TeammateCommand,
  type TeammateRole,
} from '@partnerships/domain';
import { type SqlClient } from '@partnerships/event-store';
import fc from 'fast-check';
import { partnershipCommand } from '@partnerships/domain/testing';
import { deciderLedgers, uniqueId } from '../../testing/decider-ledger';
import { countedProjectionRun, describeOnEachStore, type ReadModelEnvironment } from '../../testing/read-model-harness';
import { managerContactProjection } from './manager-contact.projection';
import { listTeammates, readManagerContact, type PartnerManagerContact, type TeammateListing } from './manager-contact.query';

jest.setTimeout(60_000);

const now = new Date('2024-05-01T10:00:00Z');

const { PartnerLedger, TeammateLedger } = deciderLedgers({ occurredAt: () => now.toISOString() });
type PartnerLedger = InstanceType<typeof PartnerLedger>;
type TeammateLedger = InstanceType<typeof TeammateLedger>;

/** What the view should say of a partner, from the folded partnership and teammate states. */
function expectedContact(partner: PartnerLedger, teammates: readonly TeammateLedger[]): PartnerManagerContact | null {
  const { state } = partner;
  if (state.status === 'none') {
    return null;
  }
  if (state.managerId === null) {
    return { partnerId: partner.partnerId, manager: null };
  }
  const manager = teammates.find((teammate) => teammate.teammateId === state.managerId)?.state;
  if (manager === undefined || manager.status === 'none') {
    throw new Error(`partner ${partner.partnerId} is managed by unknown teammate ${state.managerId}`);
  }
  return { partnerId: partner.partnerId, manager: { id: manager.teammateId, name: manager.name, email: manager.email } };
}

function expectedListing(teammates: readonly TeammateLedger[]): TeammateListing[] {
  return teammates
    .flatMap(({ state }) =>
      state.status === 'none'
        ? []
        : [{ teammateId: state.teammateId, name: state.name, email: state.email, role: state.role, status: state.status }],
    )
    .sort((a, b) => (a.teammateId < b.teammateId ? -1 : a.teammateId > b.teammateId ? 1 : 0));
}

/** The listing restricted to one test's teammates (the database is shared by the tests). */
async function listOwnTeammates(readModel: SqlClient, teammates: readonly TeammateLedger[]): Promise<TeammateListing[]> {
  const own = new Set(teammates.map((teammate) => teammate.teammateId));
  return (await listTeammates(readModel)).filter((listing) => own.has(listing.teammateId));
}

const select = (partnerId: string): PartnershipCommand =>
  partnershipCommand('SelectPartner', { partnerId, name: `Partner ${partnerId}`, contactEmail: 'contact@example.com', type: 'reseller' }, now);
const offboard = (partnerId: string): PartnershipCommand =>
  partnershipCommand('OffboardPartner', { partnerId, reason: 'contract ended', override: null, overrideBy: null }, now);
/** The handler's lookup: the snapshot of the teammate as its stream stands now. */
const assign = (partnerId: string, manager: TeammateLedger): PartnershipCommand =>
  partnershipCommand('AssignManager', { partnerId, managerId: manager.teammateId, manager: teammateSnapshot(manager.state) }, now);
const addTeammate = (teammateId: string, name: string, role: TeammateRole): TeammateCommand => ({
  type: 'AddTeammate',
  data: { teammateId, name, email: `${teammateId}@example.com`, role, actorRole: 'owner' },
  metadata: { now },
});
const removeTeammate = (teammateId: string): TeammateCommand => ({
  type: 'RemoveTeammate',
  data: { teammateId, reason: 'left', actorRole: 'owner' },
  metadata: { now },
});
const changeRole = (teammateId: string, role: TeammateRole): TeammateCommand => ({
  type: 'ChangeTeammateRole',
  data: { teammateId, role, actorRole: 'owner' },
  metadata: { now },
});

type Step =
  | { readonly kind: 'select'; readonly partner: number }
  | { readonly kind: 'assign'; readonly partner: number; readonly teammate: number }
  | { readonly kind: 'offboard'; readonly partner: number }
  | { readonly kind: 'add'; readonly teammate: number; readonly role: TeammateRole }
  | { readonly kind: 'changeRole'; readonly teammate: number; readonly role: TeammateRole }
  | { readonly kind: 'remove'; readonly teammate: number };

const PARTNERS = 3;
const TEAMMATES = 4;

const role = fc.constantFrom<TeammateRole>('owner', 'admin', 'teammate', 'viewer');
const partnerIndex = fc.integer({ min: 0, max: PARTNERS - 1 });
const teammateIndex = fc.integer({ min: 0, max: TEAMMATES - 1 });

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('select' as const), partner: partnerIndex }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('assign' as const), partner: partnerIndex, teammate: teammateIndex }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offboard' as const), partner: partnerIndex }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('add' as const), teammate: teammateIndex, role }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('changeRole' as const), teammate: teammateIndex, role }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), teammate: teammateIndex }) },
);

function describeManagerContactProjection(name: string, environment: () => ReadModelEnvironment): void {
  describe(`Manager contact projection on ${name}`, () => {
    const { batchSizes, project } = countedProjectionRun(managerContactProjection, 5, environment);

    it('follows assignments, reassignments and role changes of a scripted history', async () => {
      const { store, readModel } = environment();
      const alice = new TeammateLedger(uniqueId('alice'));
      const bob = new TeammateLedger(uniqueId('bob'));
      const carol = new TeammateLedger(uniqueId('carol'));
      const lonely = new PartnerLedger(uniqueId('lonely'));
      const moved = new PartnerLedger(uniqueId('moved'));
      const steady = new PartnerLedger(uniqueId('steady'));
      const teammates = [alice, bob, carol];
      const partners = [lonely, moved, steady];

      // Partner and teammate events interleaved. From the empty log, in batches of 5: `moved` is
      // selected and assigned in the first batch and reassigned in the second, bob is added in the
      // first and promoted in the second, `steady` is selected and assigned in the second.
      const script: (() => Promise<boolean>)[] = [
        () => alice.run(store, addTeammate(alice.teammateId, 'Alice Archer', 'teammate')),
        () => lonely.run(store, select(lonely.partnerId)),
        () => moved.run(store, select(moved.partnerId)),
        () => bob.run(store, addTeammate(bob.teammateId, 'Bob Baker', 'viewer')),
        () => moved.run(store, assign(moved.partnerId, alice)),
        () => bob.run(store, changeRole(bob.teammateId, 'admin')),
        () => moved.run(store, assign(moved.partnerId, bob)),
        () => steady.run(store, select(steady.partnerId)),
        () => carol.run(store, addTeammate(carol.teammateId, 'Carol Cook', 'owner')),
        () => steady.run(store, assign(steady.partnerId, carol)),
      ];
      for (const run of script) {
        expect(await run()).toBe(true);
      }
      await project();

      expect(await readManagerContact(readModel, lonely.partnerId)).toEqual({ partnerId: lonely.partnerId, manager: null });
      expect(await readManagerContact(readModel, moved.partnerId)).toEqual({
        partnerId: moved.partnerId,
        manager: { id: bob.teammateId, name: 'Bob Baker', email: `${bob.teammateId}@example.com` },
      });
      expect(await readManagerContact(readModel, steady.partnerId)).toEqual({
        partnerId: steady.partnerId,
        manager: { id: carol.teammateId, name: 'Carol Cook', email: `${carol.teammateId}@example.com` },
      });
      expect(await readManagerContact(readModel, uniqueId('nobody'))).toBeNull();
      expect((await listOwnTeammates(readModel, teammates)).find((t) => t.teammateId === bob.teammateId)?.role).toBe('admin');
      expect(await listOwnTeammates(readModel, teammates)).toEqual(expectedListing(teammates));

      // dave is added and demoted within one batch; the rest change rows of earlier batches.
      const dave = new TeammateLedger(uniqueId('dave'));
      teammates.push(dave);
      expect(await dave.run(store, addTeammate(dave.teammateId, 'Dave Dunn', 'admin'))).toBe(true);
      expect(await dave.run(store, changeRole(dave.teammateId, 'viewer'))).toBe(true);
      expect(await moved.run(store, assign(moved.partnerId, carol))).toBe(true);
      expect(await alice.run(store, changeRole(alice.teammateId, 'owner'))).toBe(true);
      expect(await lonely.run(store, assign(lonely.partnerId, alice))).toBe(true);
      expect(await carol.run(store, changeRole(carol.teammateId, 'viewer'))).toBe(true);
      expect(await bob.run(store, removeTeammate(bob.teammateId))).toBe(true);
      await project();

      expect(await readManagerContact(readModel, moved.partnerId)).toEqual({
        partnerId: moved.partnerId,
        manager: { id: carol.teammateId, name: 'Carol Cook', email: `${carol.teammateId}@example.com` },
      });
      expect(await readManagerContact(readModel, lonely.partnerId)).toEqual({
        partnerId: lonely.partnerId,
        manager: { id: alice.teammateId, name: 'Alice Archer', email: `${alice.teammateId}@example.com` },
      });
      const listing = await listOwnTeammates(readModel, teammates);
      expect(listing.map((t) => [t.teammateId, t.role, t.status])).toEqual(
        [
          [alice.teammateId, 'owner', 'active'],
          [bob.teammateId, 'admin', 'removed'],
          [carol.teammateId, 'viewer', 'active'],
          [dave.teammateId, 'viewer', 'active'],
        ].sort(([a], [b]) => (a < b ? -1 : 1)),
      );
      for (const partner of partners) {
        expect(await readManagerContact(readModel, partner.partnerId)).toEqual(expectedContact(partner, teammates));
      }
      const all = (await listTeammates(readModel)).map((t) => t.teammateId);
      expect(all).toEqual([...all].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(batchSizes.length).toBeGreaterThan(2);
    });

    it('always shows the manager of the folded partnership state', async () => {
      const { store, readModel } = environment();
      await fc.assert(
        fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
          const partners = Array.from({ length: PARTNERS }, () => new PartnerLedger(uniqueId('p')));
          const teammates = Array.from({ length: TEAMMATES }, () => new TeammateLedger(uniqueId('t')));
          for (const current of steps) {
            switch (current.kind) {
              case 'select':
                await partners[current.partner].run(store, select(partners[current.partner].partnerId));
                break;
              case 'assign':
                await partners[current.partner].run(store, assign(partners[current.partner].partnerId, teammates[current.teammate]));
                break;
              case 'offboard':
                await partners[current.partner].run(store, offboard(partners[current.partner].partnerId));
                break;
              case 'add': {
                const { teammateId } = teammates[current.teammate];
                await teammates[current.teammate].run(store, addTeammate(teammateId, `Name of ${teammateId}`, current.role));
                break;
              }
              case 'changeRole':
                await teammates[current.teammate].run(store, changeRole(teammates[current.teammate].teammateId, current.role));
                break;
              case 'remove':
                await teammates[current.teammate].run(store, removeTeammate(teammates[current.teammate].teammateId));
                break;
            }
          }
          await project();
          for (const partner of partners) {
            expect(await readManagerContact(readModel, partner.partnerId)).toEqual(expectedContact(partner, teammates));
          }
          expect(await listOwnTeammates(readModel, teammates)).toEqual(expectedListing(teammates));
        }),
        { numRuns: 20 },
      );
      expect(Math.max(...batchSizes)).toBe(5);
    });
  });
}

describeOnEachStore('mgr', describeManagerContactProjection);
