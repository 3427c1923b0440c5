import { cardVerbs } from '../../src/cards/verbs';
import { users } from '../support/activities';
import { BotHarness, cardOf, executeDataOf, textsOf } from '../support/botHarness';
import { channelExecute, channelMessage, teamMembersChanged } from '../support/teamActivities';

const PLAN = 'husum-tingbjerg-2024-2028';
const team = { teamId: '19:dinfritid-holdet@thread.tacv2', channelId: '19:dinfritid-kanal@thread.tacv2' };

/**
 * A channel linked to a network follows its team: the coordinator confirms the team's members as
 * the network's, and then Teams' membersAdded and membersRemoved keep the network in step. Someone
 * who leaves the team loses the network at their next turn.
 */
describe('a linked channel follows its team', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const din = () => harness.repos.plans.get(PLAN).then((s) => s!.plan.networks.find((n) => n.id === 'din-fritid-netvaerk')!);

  beforeAll(async () => {
    await harness.start();
    harness.connector.rosters.set(team.teamId, [users.alex, users.megan, users.patti].map((u) => u.id));
  });
  afterAll(async () => {
    await harness.stop();
  });

  it("offers the team's members who are not in the network, after linking, and changes nothing until the coordinator answers", async () => {
    await harness.post(channelMessage(users.alex, harness.connector.url, team, 'tilknyt kanal din fritid'));
    const card = cardOf(harness.connector.messagesTo(team.channelId).at(-1));
    expect(textsOf(card)).toEqual([
      'Kanalen er nu tilknyttet Din Fritid-netværket. "log møde" her vælger netværket på forhånd.',
      'Holdets medlemmer i Din Fritid-netværket?',
      expect.stringMatching(/^1 person på holdet er ikke med i Din Fritid-netværket\. Skal de være medlemmer\?/),
      'Patti Fernandez',
    ]);
    expect(await harness.repos.channels.linkOf(team.channelId)).toMatchObject({ networkId: 'din-fritid-netvaerk', teamId: team.teamId });
    expect((await din()).members).not.toContain('patti-fernandez');

    // Only the network's coordinator (or a leader) answers.
    const data = executeDataOf(card, cardVerbs.acceptTeamRoster);
    const refused = await harness.post(channelExecute(users.megan, harness.connector.url, team, cardVerbs.acceptTeamRoster, data));
    expect(refused.body?.value).toMatch(/^Det har du ikke adgang til: at tilknytte en kanal/);
    expect((await din()).members).not.toContain('patti-fernandez');

    const accepted = await harness.post(channelExecute(users.alex, harness.connector.url, team, cardVerbs.acceptTeamRoster, data));
    expect(accepted.body?.value).toBe('1 person er nu medlem af Din Fritid-netværket, og netværket følger holdet.');
    expect((await din()).members).toContain('patti-fernandez');
    expect(await harness.repos.channels.linkOf(team.channelId)).toMatchObject({ followsTeam: true });
    expect((await harness.repos.audit.listForRecord(PLAN, 'patti-fernandez'))[0]).toMatchObject({ action: 'create', via: 'team', actor: 'teams' });
  });

  it('makes someone who joins the team a member of the network', async () => {
    const res = await harness.post(teamMembersChanged(harness.connector.url, team, { added: [users.lynne] }));
    expect(res.status).toBe(200);
    expect((await din()).members).toContain('lynne-robbins');
    expect((await harness.repos.memberships.forUser(users.lynne.aadObjectId)).map((m) => m.networks)).toEqual([{ 'din-fritid-netvaerk': 'member' }]);
  });

  it('takes someone who leaves the team out of the network at once, and out of the plan when nothing else holds them', async () => {
    const [before] = await harness.say(users.patti, 'log møde');
    expect(textsOf(cardOf(before))[0]).toBe('Log møde');
    await harness.post(teamMembersChanged(harness.connector.url, team, { removed: [users.patti] }));
    expect((await din()).members).not.toContain('patti-fernandez');
    expect(await harness.repos.memberships.forUser(users.patti.aadObjectId)).toEqual([]);
    const [after] = await harness.say(users.patti, 'log møde');
    expect(after!.text).toMatch(/^Du er ikke med i nogen boligsocial helhedsplan/);
    expect((await harness.repos.audit.listForRecord(PLAN, 'patti-fernandez')).at(-1)).toMatchObject({ action: 'delete', via: 'team' });
  });

  it('keeps a leader who leaves the team in the plan, without the network', async () => {
    await harness.post(teamMembersChanged(harness.connector.url, team, { removed: [users.alex] }));
    const network = await din();
    expect(network.members).not.toContain('alex-wilber');
    expect(network.coordinators).not.toContain('alex-wilber');
    const [alex] = await harness.repos.memberships.forUser(users.alex.aadObjectId);
    expect(alex).toMatchObject({ memberId: 'alex-wilber', roles: expect.arrayContaining(['leader']) });
    expect(alex!.networks!['din-fritid-netvaerk']).toBeUndefined();
  });
});
