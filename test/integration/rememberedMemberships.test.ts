import { peopleOfPlan } from '../../src/domain/people/person';
import { RememberedMembershipRepository } from '../../src/store/rememberedMembershipRepository';
import { loadDemoPlan } from '../fixtures/plans';
import { openCountingStore, type RequestCounter } from '../support/countingStore';
import type { CosmosStore } from '../../src/store/cosmos/connect';

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
    expect(counter.requests.map((r) => r.operation)).toEqual(['read', 'query']);
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
