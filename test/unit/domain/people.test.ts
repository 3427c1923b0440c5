import { changePerson, joinNetwork, leaveNetwork } from '../../../src/domain/people/peopleChanges';
import { newMemberId, peopleOfPlan, planAsSeenBy, planWithPeople, type Person } from '../../../src/domain/people/person';
import { applyRoster, emptyRoster, rosterConflicts, rosterPeople, withEntry, type RosterEntry } from '../../../src/domain/people/roster';
import { loadDemoPlan } from '../../fixtures/plans';

const plan = loadDemoPlan();
const people = peopleOfPlan(plan);
const networkIds = new Set(plan.networks.map((n) => n.id));
const person = (id: string) => people.find((p) => p.id === id)!;
const entry = (p: Person, extra: Partial<RosterEntry> = {}): RosterEntry => ({ ...p, source: 'chat', changedBy: 'alex-wilber', changedAt: '2025-06-16T08:00:00Z', ...extra });

describe("a plan's people", () => {
  it('are the plan file spread out and gathered again: no roster changes the plan not at all', () => {
    expect(applyRoster(plan, emptyRoster(plan.id))).toBe(plan);
    const again = planWithPeople(plan, people);
    for (const n of plan.networks) expect(again.networks.find((x) => x.id === n.id)!.coordinators).toEqual(n.coordinators);
    expect(again.members.map((m) => m.id)).toEqual(plan.members.map((m) => m.id));
    expect(person('alex-wilber').networks['din-fritid-netvaerk']).toBe('coordinator');
  });

  it('take the object id Teams gave for an e-mail address, and keep it when the file comes again', () => {
    const roster = { ...emptyRoster(plan.id), resolved: { 'meganb@example.com': 'aad-megan' } };
    expect(rosterPeople(plan, roster).find((p) => p.id === 'megan-bowen')!.aadObjectId).toBe('aad-megan');
    expect(applyRoster(plan, roster).members.find((m) => m.id === 'megan-bowen')!.aadObjectId).toBe('aad-megan');
  });

  it('follow the chat for what a person does and the file for who they are', () => {
    const megan = person('megan-bowen');
    const roster = withEntry(emptyRoster(plan.id), entry({ ...megan, name: 'Old Name', roles: ['member', 'coordinator'], networks: { 'din-fritid-netvaerk': 'coordinator', 'no-such-network': 'member' } }));
    const after = rosterPeople(plan, roster).find((p) => p.id === 'megan-bowen')!;
    expect(after.name).toBe('Megan Bowen');
    expect(after.networks).toEqual({ 'din-fritid-netvaerk': 'coordinator' });
    expect(applyRoster(plan, roster).networks.find((n) => n.id === 'din-fritid-netvaerk')!.coordinators).toContain('megan-bowen');
  });

  it('leave out a person removed in chat though the file names them, and add one the file does not', () => {
    const roster = withEntry(
      withEntry(emptyRoster(plan.id), entry(person('jonas-baekgaard'), { removed: true })),
      entry({ id: 'patti-fernandez', name: 'Patti Fernandez', email: 'pattif@example.com', aadObjectId: 'aad-patti', roles: ['member'], networks: { 'din-fritid-netvaerk': 'member' } }),
    );
    const ids = rosterPeople(plan, roster).map((p) => p.id);
    expect(ids).not.toContain('jonas-baekgaard');
    expect(ids).toContain('patti-fernandez');
  });

  it('refuse a plan file that names someone added in chat under another id, naming the id to use', () => {
    const roster = withEntry(emptyRoster(plan.id), entry({ id: 'patti-fernandez', name: 'Patti Fernandez', email: 'pattif@example.com', roles: ['member'], networks: {} }));
    const file = { ...plan, members: [...plan.members, { id: 'patti', name: 'Patti F', email: 'pattif@example.com', roles: ['member' as const] }] };
    expect(rosterConflicts(file, roster)).toEqual([{ path: ['members', plan.members.length, 'id'], message: 'er den samme person som "patti-fernandez", der er tilføjet i chatten; brug id\'et "patti-fernandez"' }]);
  });

  it("give a member's fresh network roles precedence over a cached plan", () => {
    const seen = planAsSeenBy(plan, 'alex-wilber', { 'din-fritid-netvaerk': 'member' });
    expect(seen.networks.find((n) => n.id === 'din-fritid-netvaerk')!.coordinators).not.toContain('alex-wilber');
    expect(planAsSeenBy(plan, 'alex-wilber', person('alex-wilber').networks)).toBe(plan);
    expect(planAsSeenBy(plan, 'alex-wilber', undefined)).toBe(plan);
  });

  it('get a slug id from their name, unique in the plan', () => {
    expect(newMemberId('Søren Ærø Åberg', new Set())).toBe('soeren-aeroe-aaberg');
    expect(newMemberId('Alex Wilber', new Set(['alex-wilber']))).toBe('alex-wilber-2');
    expect(newMemberId('!!!', new Set())).toBe('person');
  });
});

describe('a change to a person', () => {
  const leader = ['member', 'coordinator', 'leader'] as const;
  const patti = { candidate: { id: 'patti-fernandez', name: 'Patti Fernandez', aadObjectId: 'aad-patti' } };

  it('adds someone new as coordinator of a network, with the roles that go with it', () => {
    const result = changePerson(people, networkIds, [...leader], patti, { kind: 'setNetworkRole', networkId: 'din-fritid-netvaerk', role: 'coordinator' });
    expect(result).toEqual({ ok: true, before: undefined, after: expect.objectContaining({ roles: ['member', 'coordinator'], networks: { 'din-fritid-netvaerk': 'coordinator' } }) });
  });

  it('drops the coordinator role with the last network coordinated', () => {
    const adele = person('adele-vance');
    const coordinated = Object.entries(adele.networks).filter(([, r]) => r === 'coordinator').map(([id]) => id);
    let current: Person = adele;
    for (const networkId of coordinated) {
      const r = changePerson(people, networkIds, [...leader], { existing: current }, { kind: 'setNetworkRole', networkId, role: 'member' });
      if (!r.ok) throw new Error(r.reason);
      current = r.after!;
    }
    expect(current.roles).toEqual(['member']);
  });

  it('refuses to let a leader change another leader; an admin may', () => {
    const jonas = person('jonas-baekgaard');
    expect(changePerson(people, networkIds, [...leader], { existing: jonas }, { kind: 'removeLeader' })).toEqual({ ok: false, reason: 'leaderNeedsAdmin' });
    expect(changePerson(people, networkIds, ['admin'], { existing: jonas }, { kind: 'removeLeader' })).toMatchObject({ ok: true, after: { roles: ['member'] } });
  });

  it('refuses to remove or demote the last leader, even for an admin', () => {
    const onlyAlex = people.map((p) => (p.id === 'jonas-baekgaard' ? { ...p, roles: p.roles.filter((r) => r !== 'leader') } : p));
    const alex = onlyAlex.find((p) => p.id === 'alex-wilber')!;
    expect(changePerson(onlyAlex, networkIds, ['admin'], { existing: alex }, { kind: 'removeFromPlan' })).toEqual({ ok: false, reason: 'lastLeader' });
    expect(changePerson(onlyAlex, networkIds, ['admin'], { existing: alex }, { kind: 'removeLeader' })).toEqual({ ok: false, reason: 'lastLeader' });
  });

  it('says when there is nothing to change, a network the plan lacks, or someone not in the plan', () => {
    const alex = person('alex-wilber');
    expect(changePerson(people, networkIds, ['admin'], { existing: alex }, { kind: 'setNetworkRole', networkId: 'din-fritid-netvaerk', role: 'coordinator' })).toEqual({ ok: false, reason: 'nothingToChange' });
    expect(changePerson(people, networkIds, [...leader], { existing: person('megan-bowen') }, { kind: 'setNetworkRole', networkId: 'nope', role: 'member' })).toEqual({ ok: false, reason: 'unknownNetwork' });
    expect(changePerson(people, networkIds, [...leader], patti, { kind: 'removeFromPlan' })).toEqual({ ok: false, reason: 'notInPlan' });
  });
});

describe("a team's roster", () => {
  it('makes a newcomer a member of the network, and leaves a coordinator as they are', () => {
    expect(joinNetwork(person('megan-bowen'), 'beskaeftigelsesnetvaerk')?.networks.beskaeftigelsesnetvaerk).toBe('member');
    expect(joinNetwork(person('alex-wilber'), 'din-fritid-netvaerk')).toBeUndefined();
  });

  it('takes a leaver out of the network, and out of the plan when nothing else holds them there', () => {
    const solo: Person = { id: 's', name: 'S', roles: ['member', 'coordinator'], networks: { a: 'coordinator' } };
    expect(leaveNetwork(solo, 'a')).toEqual({ after: undefined });
    const leader: Person = { ...solo, roles: ['member', 'leader', 'coordinator'] };
    expect(leaveNetwork(leader, 'a')).toEqual({ after: { ...leader, roles: ['member', 'leader'], networks: {} } });
    expect(leaveNetwork(solo, 'b')).toBeUndefined();
  });
});
