import { peopleOfPlan } from '../../src/domain/people/person';
import { RememberedMembershipRepository } from '../../src/store/rememberedMembershipRepository';
import { loadDemoPlan } from '../fixtures/plans';
import { openCountingStore, type RequestCounter } from '../support/countingStore';
import type { CosmosStore } from '../../src/store/cosmos/connect';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { CosmosRecordRepository } from '../../src/store/cosmos/cosmosRecordRepository';
import { GRANT_WINDOW_MS } from '../../src/store/cosmos/membershipGrants';
import { FreshMembershipNeeded } from '../../src/usecases/freshMembershipNeeded';

const ALEX = 'aad-alex';

/**
 * One instance keeps a user's list of plans; another instance (the bare repository on the same
 * database) changes the memberships. Removal and role changes must hold on the next turn.
 */
describe('memberships read on every turn by point reads of the plans last listed', () => {
  const plan = loadDemoPlan();
  const people = peopleOfPlan(plan).map((p) => (p.id === 'alex-wilber' ? { ...p, aadObjectId: ALEX } : p));
  let store: CosmosStore;
  let counter: RequestCounter;
  let now = 0;
  let turn: RememberedMembershipRepository;
  beforeEach(async () => {
    ({ store, counter } = await openCountingStore());
    await store.repositories.memberships.replaceForPlan(plan.id, people);
    now = 1_000_000;
    turn = new RememberedMembershipRepository(store.repositories.memberships, 10_000, 30_000, () => now);
  });
  afterEach(async () => {
    await store.close();
  });

  it('lists the user once, then reads their membership by one point read per turn', async () => {
    counter.enabled = true;
    expect((await turn.forUser(ALEX)).map((m) => m.planId)).toEqual([plan.id]);
    await turn.settle();
    // Then, after the turn, the version read is made provable: its grants (this window and the next), and the membership read again.
    expect(counter.requests.map((r) => `${r.operation} ${r.container}`)).toEqual(['read members', 'query members', 'create records', 'create records', 'read members']);
    counter.reset();
    expect((await turn.forUser(ALEX)).map((m) => m.planId)).toEqual([plan.id]);
    expect(counter.requests).toEqual([{ operation: 'read', container: 'members' }]);
  });

  it('refuses a member taken out of the plan elsewhere on their next turn', async () => {
    await turn.forUser(ALEX);
    await store.repositories.memberships.replaceForPlan(plan.id, people.filter((p) => p.id !== 'alex-wilber'));
    expect(await turn.forUser(ALEX)).toEqual([]);
  });

  it('gives a role changed elsewhere on the next turn', async () => {
    await turn.forUser(ALEX);
    await store.repositories.memberships.replaceForPlan(plan.id, people.map((p) => (p.id === 'alex-wilber' ? { ...p, roles: ['member' as const] } : p)));
    expect((await turn.forUser(ALEX))[0]?.roles).toEqual(['member']);
  });

  it('finds a plan joined elsewhere once the list is 30 seconds old', async () => {
    await turn.forUser(ALEX);
    const second = { ...plan, id: 'second-plan' };
    await store.repositories.memberships.replaceForPlan(second.id, people.filter((p) => p.id === 'alex-wilber'));
    expect((await turn.forUser(ALEX)).map((m) => m.planId)).toEqual([plan.id]);
    now += 30_000;
    expect((await turn.forUser(ALEX)).map((m) => m.planId)).toEqual([plan.id, 'second-plan'].sort());
  });
});

/** The grants that let a save prove a remembered membership inside its batch (store/cosmos/membershipGrants.ts). */
describe('membership grants', () => {
  const plan = loadDemoPlan();
  const people = peopleOfPlan(plan).map((p) => (p.id === 'alex-wilber' ? { ...p, aadObjectId: ALEX } : p.id === 'megan-bowen' ? { ...p, aadObjectId: 'aad-megan' } : p));
  let store: CosmosStore;
  const grants = async () => {
    const { resources } = await store.database
      .container(containerDefinitions.records.id)
      .items.query<{ id: string; aadObjectId: string }>({ query: "SELECT c.id, c.aadObjectId FROM c WHERE c.type = 'membershipGrant'" })
      .fetchAll();
    return [...new Set(resources.map((g) => g.aadObjectId))].sort();
  };
  const proven = async (aad: string, version: string, at = Date.now()) => {
    const marker = { id: `rollup-change|${crypto.randomUUID()}`, rollupIds: [], at: new Date().toISOString() };
    const record = { id: `attendance-${crypto.randomUUID()}`, planId: plan.id, type: 'attendance' as const, activityId: 'din-fritid', date: '2025-06-10', headcount: 1, loggedBy: 'x', loggedAt: '2025-06-10T10:00:00Z' };
    try {
      await new CosmosRecordRepository(store.database.container(containerDefinitions.records.id), undefined, () => at).createOnce(record, undefined, marker, { aadObjectId: aad, planId: plan.id, version });
      return true;
    } catch (err) {
      if (err instanceof FreshMembershipNeeded) return false;
      throw err;
    }
  };
  beforeEach(async () => {
    ({ store } = await openCountingStore());
    await store.repositories.memberships.replaceForPlan(plan.id, people);
  });
  afterEach(async () => {
    await store.close();
  });

  it('proves the version read, and no other', async () => {
    const [alex] = await store.repositories.memberships.forUser(ALEX);
    await store.repositories.memberships.allowProofOf!(alex!);
    expect(await proven(ALEX, alex!.version!)).toBe(true);
    expect(await proven(ALEX, 'another-version')).toBe(false);
    expect(await proven('aad-megan', alex!.version!)).toBe(false);
  });

  it('proves a version for the window it was granted in and the next, then no longer', async () => {
    const [alex] = await store.repositories.memberships.forUser(ALEX);
    const until = (await store.repositories.memberships.allowProofOf!(alex!))!;
    expect(until - Date.now()).toBeGreaterThan(GRANT_WINDOW_MS - 60_000);
    expect(await proven(ALEX, alex!.version!, until - 1)).toBe(true);
    expect(await proven(ALEX, alex!.version!, until + 60_000 + 1)).toBe(false);
  });

  it('gives out a remembered membership only while this instance has made it provable', async () => {
    let now = Date.now();
    const turn = new RememberedMembershipRepository(store.repositories.memberships, 10_000, 30_000, () => now);
    await turn.forUser(ALEX);
    expect(turn.remembered(ALEX)).toBeUndefined();
    await turn.settle();
    const [remembered] = turn.remembered(ALEX)!;
    expect(remembered?.version).toBeDefined();
    now += 2 * GRANT_WINDOW_MS;
    expect(turn.remembered(ALEX)).toBeUndefined();
    now -= 2 * GRANT_WINDOW_MS;
    turn.proofFailed({ aadObjectId: ALEX, planId: plan.id, version: remembered!.version! });
    expect(turn.remembered(ALEX)).toBeUndefined();
  });

  it('takes back a grant whose membership changed between the read and the grant', async () => {
    const [read] = await store.repositories.memberships.forUser(ALEX);
    await store.repositories.memberships.replaceForPlan(plan.id, people.map((p) => (p.id === 'alex-wilber' ? { ...p, roles: ['admin' as const] } : p)));
    expect(await store.repositories.memberships.allowProofOf!(read!)).toBeUndefined();
    expect(await grants()).toEqual([]);
    expect(await proven(ALEX, read!.version!)).toBe(false);
  });

  it('deletes the grants of the members whose membership changed or ended, and keeps the others', async () => {
    for (const aad of [ALEX, 'aad-megan']) await store.repositories.memberships.allowProofOf!((await store.repositories.memberships.forUser(aad))[0]!);
    expect(await grants()).toEqual([ALEX, 'aad-megan'].sort());
    await store.repositories.memberships.replaceForPlan(plan.id, people.filter((p) => p.id !== 'megan-bowen'));
    expect(await grants()).toEqual([ALEX]);
    await store.repositories.memberships.replaceForPlan(plan.id, people.filter((p) => p.id !== 'megan-bowen').map((p) => (p.id === 'alex-wilber' ? { ...p, name: 'Alex W.' } : p)));
    expect(await grants()).toEqual([]);
  });

  it('stores nothing when the proof fails', async () => {
    const before = (await store.database.container(containerDefinitions.records.id).items.readAll().fetchAll()).resources.length;
    expect(await proven(ALEX, 'never-read')).toBe(false);
    expect((await store.database.container(containerDefinitions.records.id).items.readAll().fetchAll()).resources).toHaveLength(before);
  });
});
