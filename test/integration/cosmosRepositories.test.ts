import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import { containerDefinitions } from '../../src/store/cosmos/containers';
import { peopleOfPlan } from '../../src/domain/people/person';
import { withEntry } from '../../src/domain/people/roster';
import { loadDemoPlan } from '../fixtures/plans';
import { openTestStore } from '../support/embeddedStore';

function session(id: string, date: string, headcount: number): AttendanceRecord {
  return { id, planId: 'husum-tingbjerg-2024-2028', type: 'attendance', activityId: 'din-fritid', date, headcount, loggedBy: 'alex-wilber', loggedAt: '2025-06-16T08:00:00.000Z' };
}

describe('the Cosmos repositories on the embedded server', () => {
  let store: Awaited<ReturnType<typeof openTestStore>>;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(async () => {
    await store.close();
  });

  it('stores a session once when the same submission arrives twice, keeping the first values', async () => {
    const first = await store.repos.records.createOnce(session('attendance-1', '2025-06-10', 17));
    const retry = await store.repos.records.createOnce(session('attendance-1', '2025-06-10', 99));
    expect(first.created).toBe(true);
    expect(retry).toEqual({ created: false, record: session('attendance-1', '2025-06-10', 17) });
    const all = await store.repos.records.listInRange('husum-tingbjerg-2024-2028', 'attendance', { from: '2025-01-01', to: '2025-12-31' });
    expect(all).toHaveLength(1);
  });

  it('lists the sessions of a date range, both ends included, and only for the plan asked', async () => {
    await store.repos.records.createOnce(session('a', '2024-12-31', 5));
    await store.repos.records.createOnce(session('b', '2025-01-01', 6));
    await store.repos.records.createOnce(session('c', '2025-12-31', 7));
    await store.repos.records.createOnce({ ...session('d', '2025-06-01', 8), planId: 'another-plan' });
    const inYear = await store.repos.records.listInRange('husum-tingbjerg-2024-2028', 'attendance', { from: '2025-01-01', to: '2025-12-31' });
    expect(inYear.map((r) => r.id).sort()).toEqual(['b', 'c']);
  });

  it('keeps a plan and its memberships, and drops members removed from the plan file', async () => {
    const plan = loadDemoPlan();
    const stored = await store.repos.plans.save(plan, '2025-06-16T08:00:00.000Z');
    expect(stored.revision).toBe(1);
    const ALEX = '00000000-0000-0000-0000-0000000000020';
    // Alex is named by e-mail address in the plan file; Teams has told the object id.
    const people = peopleOfPlan(plan).map((p) => (p.id === 'alex-wilber' ? { ...p, aadObjectId: ALEX } : p));
    await store.repos.memberships.replaceForPlan(plan.id, people);
    const alex = people.find((m) => m.id === 'alex-wilber')!;
    expect(await store.repos.memberships.forUser(ALEX)).toEqual([{ aadObjectId: ALEX, planId: plan.id, memberId: 'alex-wilber', name: alex.name, roles: alex.roles, networks: alex.networks, version: expect.any(String) }]);
    // Everyone else waits by e-mail address, each in the partition of their address.
    expect(await store.repos.memberships.pendingFor(['meganb@example.com', 'nobody@example.com'])).toEqual([{ email: 'meganb@example.com', planId: plan.id, memberId: 'megan-bowen' }]);

    const withoutAlex = { ...plan, members: plan.members.filter((m) => m.id !== 'alex-wilber') };
    expect((await store.repos.plans.save(withoutAlex, '2025-06-17T08:00:00.000Z')).revision).toBe(2);
    await store.repos.memberships.replaceForPlan(plan.id, people.filter((p) => p.id !== 'alex-wilber'));
    expect(await store.repos.memberships.forUser(ALEX)).toEqual([]);
    expect((await store.repos.plans.get(plan.id))?.plan.members).toHaveLength(plan.members.length - 1);
  });

  it('keeps a roster beside its plan: a re-import changes the file, not the roster, and a stale roster write is refused', async () => {
    const plan = loadDemoPlan();
    await store.repos.plans.save(plan, '2025-06-16T08:00:00.000Z');
    const before = (await store.repos.plans.sources(plan.id))!;
    expect(before.rosterEtag).toBeUndefined();
    const megan = peopleOfPlan(plan).find((p) => p.id === 'megan-bowen')!;
    const roster = withEntry(before.roster, { ...megan, roles: ['member', 'coordinator'], networks: { 'din-fritid-netvaerk': 'coordinator' }, source: 'chat', changedBy: 'alex-wilber', changedAt: '2025-06-16T09:00:00.000Z' });
    expect(await store.repos.plans.saveRoster(roster, undefined)).toBe('ok');
    expect(await store.repos.plans.saveRoster(roster, undefined)).toBe('conflict');
    await store.repos.plans.save(plan, '2025-06-17T08:00:00.000Z');
    const after = (await store.repos.plans.get(plan.id))!;
    expect(after.revision).toBe(2);
    expect(after.plan.networks.find((n) => n.id === 'din-fritid-netvaerk')!.coordinators).toContain('megan-bowen');
    const sources = (await store.repos.plans.sources(plan.id))!;
    expect(await store.repos.plans.saveRoster(sources.roster, 'an-old-etag')).toBe('conflict');
  });

  it('finds a user the bot has met by any of their e-mail addresses, whatever the case', async () => {
    await store.repos.memberships.rememberIdentity({ aadObjectId: 'aad-isaiah', name: 'Isaiah Langer', emails: ['isaiah@example.com', 'isaiahl@example.com'], teamsUserId: 'user-id-3' }, false);
    expect((await store.repos.memberships.identitiesByEmail('IsaiahL@Example.com')).map((p) => p.aadObjectId)).toEqual(['aad-isaiah']);
    expect((await store.repos.memberships.identityByTeamsId('user-id-3'))?.aadObjectId).toBe('aad-isaiah');
    expect(await store.repos.memberships.identityOf('aad-isaiah')).toEqual({ aadObjectId: 'aad-isaiah', name: 'Isaiah Langer', emails: ['isaiah@example.com', 'isaiahl@example.com'], teamsUserId: 'user-id-3', claimed: false });
  });

  it('answers "no plan" for an unknown plan id', async () => {
    expect(await store.repos.plans.get('no-such-plan')).toBeUndefined();
  });
});

describe('the embedded server data folder', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'logbog-data-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps what was logged across a stop and a start', async () => {
    const first = await openTestStore({ dataDir });
    const databaseId = first.database.id;
    await first.repos.records.createOnce(session('kept', '2025-03-04', 12));
    await first.close();

    const second = await openTestStore({ dataDir });
    try {
      const client = new CosmosClient({ endpoint: second.server.endpoint, key: second.server.key, connectionPolicy: { enableEndpointDiscovery: false } });
      const { resources } = await client.database(databaseId).container(containerDefinitions.records.id).items.readAll().fetchAll();
      expect(resources.map((r) => [r.id, r.headcount])).toEqual([['kept', 12]]);
      client.dispose();
    } finally {
      await second.close();
    }
  });

  it('keeps nothing when no data folder is given', async () => {
    const first = await openTestStore();
    await first.repos.records.createOnce(session('lost', '2025-03-04', 12));
    const databaseId = first.database.id;
    await first.close();
    const second = await openTestStore();
    try {
      const { resources } = await second.client.databases.readAll().fetchAll();
      expect(resources.map((d) => d.id)).not.toContain(databaseId);
    } finally {
      await second.close();
    }
  });
});
