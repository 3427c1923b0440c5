import { readPlanFile } from '../../src/store/planFile';
import { cardVerbs } from '../../src/cards/verbs';
import { importPlan } from '../../src/usecases/importPlan';
import { users, type TestUser } from '../support/activities';
import { BotHarness, DEMO_PLAN, TRYGHEDSPLAN, cardOf, executeDataOf, inputOf, textsOf } from '../support/botHarness';
import { channelMessage } from '../support/teamActivities';

const PLAN = 'husum-tingbjerg-2024-2028';
const team = { teamId: '19:holdet@thread.tacv2', channelId: '19:holdet-kanal@thread.tacv2' };

/** The notice line at the top of a members card (what the last change did, or why not). */
const noticeOf = (card: unknown) => textsOf(card)[2];

/**
 * A plan whose people are named by e-mail address only (the demo plan): Teams says who is who,
 * leaders change roles on the members card, every change is audited, and nothing typed wrong
 * changes anything. Over HTTP with real Bot Framework activities; Teams' member APIs are the
 * capture connector's.
 */
describe("a plan's people from Teams", () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');

  beforeAll(async () => {
    await harness.start();
    // The channel's team: the Playground's six users (TeamsInfo reads a channel's members from its team).
    harness.connector.rosters.set(team.teamId, [users.alex, users.megan, users.adele, users.isaiah, users.patti, users.lynne].map((u) => u.id));
  });
  afterAll(async () => {
    await harness.stop();
  });

  const membersCard = async (user: TestUser = users.alex) => cardOf((await harness.say(user, 'medlemmer'))[0]);
  const save = async (user: TestUser, values: Record<string, string>, card?: unknown) => {
    const data = executeDataOf(card ?? (await membersCard(user)), cardVerbs.saveMemberChange);
    const res = await harness.execute(user, cardVerbs.saveMemberChange, { ...data, ...values });
    return res.body?.value;
  };
  const auditOf = (memberId: string) => harness.repos.audit.listForRecord(PLAN, memberId);

  it("finds a user's object id on their first turn through TeamsInfo.getMember, by e-mail address in any case, and asks Teams only once", async () => {
    expect(await harness.repos.memberships.forUser(users.alex.aadObjectId)).toEqual([]);
    harness.connector.members.set(users.alex.id, { ...users.alex, userPrincipalName: 'AlexW@Example.COM' });
    const [help] = await harness.say(users.alex, 'hjælp');
    expect(textsOf(cardOf(help))).toContain('Du logger i **Den boligsociale helhedsplan for Husum-Tingbjerg 2024-2028**.');
    expect(harness.connector.lookups).toEqual([{ kind: 'member', conversationId: `conv-${users.alex.id}`, userId: users.alex.id }]);
    expect((await harness.repos.memberships.forUser(users.alex.aadObjectId)).map((m) => m.memberId)).toEqual(['alex-wilber']);
    const [resolved] = await auditOf('alex-wilber');
    expect(resolved).toMatchObject({ actor: 'teams', via: 'teams', action: 'update', before: { email: 'alexw@example.com' }, after: { email: 'alexw@example.com', aadObjectId: users.alex.aadObjectId } });
    await harness.say(users.alex, 'hjælp');
    expect(harness.connector.lookups).toHaveLength(1);
  });

  it("matches the mail address when Teams' user principal name differs (Isaiah: isaiah@ and isaiahl@)", async () => {
    const [reply] = await harness.say(users.isaiah, 'slet gamle koder');
    expect(reply!.text).toMatch(/^Deltagerkoder er fjernet fra 0 registrering/);
  });

  it("reads the channel's roster for the members card, and links up everyone it names by e-mail address", async () => {
    expect(await harness.repos.memberships.forUser(users.megan.aadObjectId)).toEqual([]);
    const res = await harness.post(channelMessage(users.alex, harness.connector.url, team, 'medlemmer'));
    expect(res.status).toBe(200);
    const card = cardOf(harness.connector.messagesTo(team.channelId).at(-1));
    expect(harness.connector.lookups).toContainEqual({ kind: 'roster', conversationId: team.teamId });
    expect(textsOf(card)).toEqual(expect.arrayContaining(['Medlemmer og roller', 'Din Fritid-netværket', 'Megan Bowen: medlem', 'Alex Wilber: tovholder']));
    // Megan never wrote to the bot, but the roster named her address: she is linked up.
    expect((await harness.repos.memberships.forUser(users.megan.aadObjectId)).map((m) => m.memberId)).toEqual(['megan-bowen']);
    expect(textsOf(card)).toContain('Mette Kjærgaard (ikke set i Teams endnu): tovholder');
    // In a channel the people picker searches the channel's members; Patti, in the team but not the plan, is offered.
    const person = inputOf(card, 'person')!;
    expect(person['choices.data']).toEqual({ type: 'Data.Query', dataset: 'graph.microsoft.com/users?scope=currentContext' });
    expect(person.choices).toContainEqual({ title: 'Patti Fernandez', value: users.patti.aadObjectId });
  });

  it('makes a member coordinator of a network, audits it, and the coordinator has the rights at once', async () => {
    const [before] = await harness.say(users.megan, 'status');
    expect(before!.text).toMatch(/^Det har du ikke adgang til: at se status/);
    const card = await save(users.alex, { person: users.megan.aadObjectId, networkId: 'beskaeftigelsesnetvaerk', change: 'coordinator' });
    expect(noticeOf(card)).toBe('Megan Bowen er nu tovholder for Beskæftigelsesnetværket.');
    expect(textsOf(card)).toContain('Megan Bowen: tovholder');
    const entries = await auditOf('megan-bowen');
    expect(entries.at(-1)).toMatchObject({ actor: 'alex-wilber', via: 'chat', action: 'update', recordType: 'person', before: { roles: ['member'] }, after: { roles: ['member', 'coordinator'], networks: expect.objectContaining({ beskaeftigelsesnetvaerk: 'coordinator' }) } });
    const [status] = await harness.say(users.megan, 'status');
    expect(textsOf(cardOf(status))[0]).toMatch(/^Status 2025/);
  });

  it('adds someone from the Teams roster who is not in the plan, and they can log a meeting for the network', async () => {
    const card = await save(users.alex, { person: users.patti.aadObjectId, networkId: 'din-fritid-netvaerk', change: 'coordinator' });
    expect(noticeOf(card)).toBe('Patti Fernandez er nu tovholder for Din Fritid-netværket.');
    expect((await auditOf('patti-fernandez'))[0]).toMatchObject({ action: 'create', after: { id: 'patti-fernandez', aadObjectId: users.patti.aadObjectId, email: 'pattif@example.com' } });
    const form = cardOf((await harness.say(users.patti, 'log møde'))[0]);
    const saved = await harness.execute(users.patti, cardVerbs.saveMeeting, { ...executeDataOf(form, cardVerbs.saveMeeting), networkId: 'din-fritid-netvaerk', date: '2025-06-12', participants: 'patti-fernandez' });
    expect(textsOf(saved.body?.value)[0]).toBe('✅ Møde gemt');
    const [meeting] = await harness.repos.records.listInRange(PLAN, 'meeting', { from: '2025-06-12', to: '2025-06-12' });
    expect(meeting).toMatchObject({ networkId: 'din-fritid-netvaerk', loggedBy: 'patti-fernandez' });
  });

  it('names an e-mail address that matches nobody, and changes nothing', async () => {
    const before = await harness.repos.plans.sources(PLAN);
    const card = await save(users.alex, { email: 'ingen.her@example.com', networkId: 'din-fritid-netvaerk', change: 'member' });
    expect(noticeOf(card)).toBe('Ingen på de Teams-hold, Logbog kender, har e-mailadressen ingen.her@example.com. Tjek stavningen, tilføj personen til netværkets hold, eller skriv adressen i planfilen. Intet er ændret.');
    expect(inputOf(card, 'email')!.value).toBe('ingen.her@example.com');
    expect((await harness.repos.plans.sources(PLAN))!.rosterEtag).toBe(before!.rosterEtag);
    const typo = await save(users.alex, { email: 'ikke-en-adresse', networkId: 'din-fritid-netvaerk', change: 'member' });
    expect(noticeOf(typo)).toBe('"ikke-en-adresse" er ikke en e-mailadresse. Intet er ændret.');
  });

  it('lets only an admin change a leader, and never removes the last one', async () => {
    const refused = await save(users.alex, { person: 'member:jonas-baekgaard', change: 'removeLeader' });
    expect(noticeOf(refused)).toBe('Jonas Bækgaard er leder eller administrator. Kun en administrator kan ændre eller fjerne en leder. Intet er ændret.');
    const demoted = await save(users.isaiah, { person: 'member:jonas-baekgaard', change: 'removeLeader' });
    expect(noticeOf(demoted)).toBe('Jonas Bækgaard er ikke længere leder af planen.');
    const before = await harness.repos.plans.sources(PLAN);
    const auditBefore = (await auditOf('alex-wilber')).length;
    for (const change of ['removeLeader', 'removeFromPlan']) {
      const last = await save(users.isaiah, { person: users.alex.aadObjectId, change });
      expect(noticeOf(last)).toBe('Alex Wilber er planens eneste leder, og en plan skal have mindst én. Gør en anden til leder først. Intet er ændret.');
    }
    expect((await harness.repos.plans.sources(PLAN))!.rosterEtag).toBe(before!.rosterEtag);
    expect(await auditOf('alex-wilber')).toHaveLength(auditBefore);
  });

  it('stores one change when the same card is saved twice', async () => {
    const card = await membersCard();
    const first = await save(users.alex, { person: users.lynne.aadObjectId, networkId: 'din-fritid-netvaerk', change: 'member' }, card);
    const again = await save(users.alex, { person: users.lynne.aadObjectId, networkId: 'din-fritid-netvaerk', change: 'member' }, card);
    expect(noticeOf(first)).toBe('Lynne Robbins er nu medlem af Din Fritid-netværket.');
    expect(noticeOf(again)).toBe('Lynne Robbins er nu medlem af Din Fritid-netværket.');
    expect(await auditOf('lynne-robbins')).toHaveLength(1);
  });

  it('refuses a member who is not a leader, storing nothing', async () => {
    const [reply] = await harness.say(users.megan, 'medlemmer');
    expect(reply!.text).toMatch(/^Det har du ikke adgang til: at ændre planens medlemmer og roller kræver rollen leder eller administrator/);
  });

  it('keeps the changes made in chat when the plan file is imported again', async () => {
    const { raw } = await readPlanFile(DEMO_PLAN);
    const result = await importPlan(harness.repos, harness.clock, raw);
    expect(result.ok && result.stored.revision).toBe(2);
    const plan = (await harness.repos.plans.get(PLAN))!.plan;
    expect(plan.networks.find((n) => n.id === 'beskaeftigelsesnetvaerk')!.coordinators).toContain('megan-bowen');
    expect(plan.networks.find((n) => n.id === 'din-fritid-netvaerk')!.coordinators).toContain('patti-fernandez');
    expect(plan.members.find((m) => m.id === 'jonas-baekgaard')!.roles).not.toContain('leader');
    // Object ids Teams gave stay too: Megan is not asked for again.
    expect(plan.members.find((m) => m.id === 'megan-bowen')!.aadObjectId).toBe(users.megan.aadObjectId);
    const [status] = await harness.say(users.megan, 'status');
    expect(textsOf(cardOf(status))[0]).toMatch(/^Status 2025/);
  });

  it('takes someone out of the plan: their access ends with their next turn', async () => {
    const card = await save(users.alex, { person: users.lynne.aadObjectId, change: 'removeFromPlan' });
    expect(noticeOf(card)).toBe('Lynne Robbins er ikke længere med i planen og har ikke længere adgang til dens data.');
    const [reply] = await harness.say(users.lynne, 'log møde');
    expect(reply!.text).toMatch(/^Du er ikke med i nogen boligsocial helhedsplan/);
  });
});

describe('a leader of two plans', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');

  beforeAll(async () => {
    await harness.start([DEMO_PLAN, TRYGHEDSPLAN]);
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('is asked which plan they mean, and then sees that plan', async () => {
    const question = cardOf((await harness.say(users.alex, 'medlemmer'))[0]);
    expect(textsOf(question).slice(0, 1)).toEqual(['Hvilken plan mener du?']);
    const buttons = ((question!.body as { type: string; actions?: { title: string; data: { planId: string } }[] }[]).find((b) => b.type === 'ActionSet')!.actions ?? []).map((a) => a.data.planId);
    expect(buttons.sort()).toEqual(['husum-tingbjerg-2024-2028', 'tingbjerg-husum-tryghedsplan-2024']);
    const chosen = await harness.execute(users.alex, cardVerbs.showMembers, { planId: 'tingbjerg-husum-tryghedsplan-2024' });
    expect(textsOf(chosen.body?.value).slice(0, 2)).toEqual(['Medlemmer og roller', 'Tingbjerg-Husum tryghedsplan 2024']);
  });
});
