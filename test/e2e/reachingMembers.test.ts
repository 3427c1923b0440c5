import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import type { OutboxItem } from '../../src/domain/reminders/outbox';
import { randomUUID } from 'node:crypto';
import { cardVerbs } from '../../src/cards/verbs';
import { executeActivity, messageActivity, users } from '../support/activities';
import { BotHarness, SCHEDULER_SECRET, cardOf, executeDataOf, textsOf, tickScheduler } from '../support/botHarness';
import { CaptureConnector } from '../support/captureConnector';
import { GraphStandIn } from '../support/graphStandIn';

const PLAN = 'husum-tingbjerg-2024-2028';
/** A morning when the demo plan's Din Fritid network meets in three days (Alex and Aisha coordinate it). */
const MORNING = '2025-10-29T09:00:00+01:00';
const channel = '19:dinfritid@thread.tacv2';

const mentionOf = (activity: unknown) => (cardOf(activity as never)?.msteams as { entities?: { text: string; mentioned: { id: string; name: string } }[] } | undefined)?.entities?.[0];
const forMember = (items: OutboxItem[], memberId: string) => items.filter((i) => i.recipient.kind === 'member' && i.recipient.memberId === memberId);

/**
 * Members who never opened Logbog (named by e-mail address in the plan, never seen in Teams).
 * Without Microsoft Graph, their reminder is posted in the network's linked channel with an
 * @mention, and a coordinator hears who cannot be reached.
 */
describe('a member who never opened Logbog, without Microsoft Graph', () => {
  const harness = new BotHarness(MORNING);

  beforeAll(async () => {
    await harness.start();
    await harness.say(users.alex, 'hjælp');
    await harness.say(users.alex, 'tilknyt kanal din fritid', channel, 'channel');
    harness.connector.clear();
    await harness.tick();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it("posts their network's reminder in the linked channel with an @mention of them", async () => {
    const posted = harness.connector.messagesTo(channel).filter((a) => mentionOf(a));
    const aisha = posted.find((a) => mentionOf(a)!.mentioned.id === 'aisha.joergensen@example.com')!;
    expect(mentionOf(aisha)).toEqual({ type: 'mention', text: '<at>Aisha Jørgensen</at>', mentioned: { id: 'aisha.joergensen@example.com', name: 'Aisha Jørgensen' } });
    expect(textsOf(cardOf(aisha)).slice(0, 2)).toEqual(['📅 Din Fritid-netværket holder møde om 3 dage', '<at>Aisha Jørgensen</at>: denne påmindelse er til dig. Skriv "hej" til Logbog i Teams for at få dem direkte.']);
    const upcoming = forMember(await harness.repos.outbox.listAll(PLAN), 'aisha-joergensen').find((i) => i.kind === 'upcomingMeeting')!;
    expect(upcoming.status).toBe('postedInChannel');
  });

  it("posts a milestone of the network's activity there too, and marks one whose network has no linked channel unreachable", async () => {
    const items = forMember(await harness.repos.outbox.listAll(PLAN), 'aisha-joergensen');
    // ECV's agreement belongs to the Din Fritid activity, whose network has the channel; Kulturnatten's network has none.
    expect(items.find((i) => i.about.milestoneId === 'ecv-driftsaftale')!.status).toBe('postedInChannel');
    expect(items.find((i) => i.about.milestoneId === 'kulturnatten-2024')!.status).toBe('unreachable');
  });

  it('tells the coordinator the next day, once a week, who cannot be reached and where the reminder went', async () => {
    expect(harness.connector.messagesTo(`conv-${users.alex.id}`).filter((a) => textsOf(cardOf(a))[0]?.startsWith('Logbog kan ikke nå'))).toEqual([]);
    harness.clock.advance(24 * 60 * 60_000);
    await harness.tick();
    const notices = harness.connector.messagesTo(`conv-${users.alex.id}`).filter((a) => textsOf(cardOf(a))[0] === 'Logbog kan ikke nå Aisha Jørgensen');
    expect(notices).toHaveLength(1);
    expect(textsOf(cardOf(notices[0]))).toContain('Logbog kan ikke skrive direkte til Aisha Jørgensen (aisha.joergensen@example.com), så en påmindelse blev lagt i kanalen for Din Fritid-netværket med Aisha Jørgensen nævnt.');
    const before = harness.connector.messages().length;
    await harness.tick();
    expect(harness.connector.messages().length).toBe(before);
    // A day later in the same week: no new notice about her.
    harness.clock.advance(24 * 60 * 60_000);
    await harness.tick();
    expect(harness.connector.messagesTo(`conv-${users.alex.id}`).filter((a) => textsOf(cardOf(a))[0] === 'Logbog kan ikke nå Aisha Jørgensen')).toHaveLength(1);
  });
});

/**
 * With Microsoft Graph configured (a local stand-in for Entra ID and Graph, over HTTPS), Logbog
 * installs itself for a member who never opened it and opens the personal chat through the Bot
 * Connector; where Graph refuses (no TeamsAppInstallation.ReadWriteForUser.All), the channel
 * fallback above takes over.
 */
describe('a member who never opened Logbog, with Microsoft Graph', () => {
  const graph = new GraphStandIn();
  const connector = new CaptureConnector();
  let bot: ChildProcess;
  let botUrl = '';

  beforeAll(async () => {
    await graph.start();
    await connector.start();
    graph.users.push(
      { id: 'aad-jonas', displayName: 'Jonas Bækgaard', userPrincipalName: 'jonas.baekgaard@example.com', mail: 'jonas.baekgaard@example.com' },
      { id: 'aad-aisha', displayName: 'Aisha Jørgensen', userPrincipalName: 'aisha.j@example.com', mail: 'aisha.joergensen@example.com' },
    );
    graph.installAnswers.set('aad-aisha', 403);
    bot = spawn(process.execPath, ['--import', 'tsx', join(__dirname, '..', 'support', 'botProcess.ts')], {
      env: {
        ...process.env,
        NODE_EXTRA_CA_CERTS: graph.certFile,
        NOW: MORNING,
        SCHEDULER_SECRET,
        LOG_LEVEL: 'silent',
        GRAPH_ENABLED: 'true',
        GRAPH_TENANT_ID: 'tenant-1',
        GRAPH_CLIENT_ID: 'logbog-client-id',
        GRAPH_CLIENT_SECRET: 'logbog-client-secret',
        GRAPH_ENDPOINT: graph.url,
        GRAPH_AUTHORITY_HOST: graph.url,
        TEAMS_APP_CATALOG_ID: 'catalog-app-42',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [line] = (await once(bot.stdout!, 'data')) as [Buffer];
    botUrl = (JSON.parse(line.toString()) as { url: string }).url;
    const post = (activity: unknown) => fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
    await post(messageActivity(users.alex, connector.url, `conv-${users.alex.id}`, 'hjælp'));
    await post(messageActivity(users.alex, connector.url, channel, 'tilknyt kanal din fritid', 'channel'));
    connector.clear();
    await tickScheduler(botUrl);
  }, 60_000);
  afterAll(async () => {
    bot?.kill('SIGTERM');
    if (bot) await once(bot, 'exit');
    await connector.stop();
    await graph.stop();
  });

  it('finds them by e-mail address, installs the app for them through Graph with its own token, once', () => {
    expect(graph.requests.filter((r) => r.method === 'POST' && r.path.split('?')[0] === '/tenant-1/oauth2/v2.0/token' && r.body.includes('client_id=logbog-client-id')).length).toBeGreaterThan(0);
    expect(graph.requests.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual(expect.arrayContaining(['GET /v1.0/users/jonas.baekgaard@example.com', 'POST /v1.0/users/aad-jonas/teamwork/installedApps']));
    const installs = graph.requests.filter((r) => r.path === '/v1.0/users/aad-jonas/teamwork/installedApps');
    expect(installs).toHaveLength(1);
    expect(installs[0]!.authorization).toBe('Bearer graph-token-from-stand-in');
    expect(JSON.parse(installs[0]!.body)).toEqual({ 'teamsApp@odata.bind': `${graph.url}/v1.0/appCatalogs/teamsApps/catalog-app-42` });
  });

  it('opens the personal chat through the Bot Connector and sends every reminder there', () => {
    expect(connector.created).toHaveLength(1);
    expect(connector.created[0]!.parameters).toMatchObject({ isGroup: false, members: [{ id: 'aad-jonas' }], tenantId: 'tenant-1' });
    const chat = connector.created[0]!.id;
    const delivered = connector.messagesTo(chat);
    expect(delivered.length).toBeGreaterThan(10);
    expect(delivered.every((a) => !mentionOf(a))).toBe(true);
  });

  it('names an e-mail address nobody in the tenant has, as Graph says; finds one Graph knows by mail address', async () => {
    const post = async (activity: unknown) => {
      const text = await (await fetch(`${botUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) })).text();
      return (text ? JSON.parse(text) : {}) as { value?: unknown };
    };
    const conversationId = `conv-${users.alex.id}`;
    await post(messageActivity(users.alex, connector.url, conversationId, 'medlemmer'));
    const card = cardOf(connector.messagesTo(conversationId).at(-1));
    const data = executeDataOf(card, cardVerbs.saveMemberChange);
    const nobody = await post(executeActivity(users.alex, connector.url, conversationId, cardVerbs.saveMemberChange, { ...data, email: 'Ingen.Her@example.com', networkId: 'din-fritid-netvaerk', change: 'member' }));
    expect(textsOf(nobody.value)[2]).toBe('Ingen i organisationen har e-mailadressen ingen.her@example.com. Tjek stavningen. Intet er ændret.');
    expect(graph.requests.map((r) => r.path.split('?')[0])).toContain('/v1.0/users/ingen.her@example.com');
    // Aisha's mail address is not her user principal name; Graph finds her by it.
    const aisha = await post(executeActivity(users.alex, connector.url, conversationId, cardVerbs.saveMemberChange, { ...executeDataOf(card, cardVerbs.saveMemberChange), submissionId: randomUUID(), email: 'aisha.joergensen@example.com', networkId: 'beskaeftigelsesnetvaerk', change: 'member' }));
    expect(textsOf(aisha.value)[2]).toBe('Aisha Jørgensen er nu medlem af Beskæftigelsesnetværket.');
  });

  it("falls back to the network's channel, with an @mention, where Graph may not install the app", async () => {
    expect(graph.requests.some((r) => r.path === '/v1.0/users/aad-aisha/teamwork/installedApps')).toBe(true);
    const posted = connector.messagesTo(channel).filter((a) => mentionOf(a)?.text === '<at>Aisha Jørgensen</at>');
    expect(posted.map((a) => textsOf(cardOf(a))[0])).toContain('📅 Din Fritid-netværket holder møde om 3 dage');
    expect(graph.requests.filter((r) => r.path === '/v1.0/users/aad-aisha/teamwork/installedApps')).toHaveLength(1);
    // The coordinator hears of it the next day (the bot process here keeps its clock still; the
    // notice itself is tested without Graph above), not as a second card today.
    const notice = connector.messagesTo(`conv-${users.alex.id}`).find((a) => textsOf(cardOf(a))[0] === 'Logbog kan ikke nå Aisha Jørgensen');
    expect(notice).toBeUndefined();
  });
});
