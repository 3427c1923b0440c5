import { messageActivity, users } from '../support/activities';
import { BotHarness } from '../support/botHarness';

/** Where reminders will go: conversation addresses kept on install and each turn, forgotten on removal. */
describe('conversation addresses for reminders', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  const channel = '19:beskaeftigelse@thread.tacv2';

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  function installation(action: 'add' | 'remove', conversationId: string, conversationType: string) {
    return {
      ...messageActivity(users.alex, harness.connector.url, conversationId, '', conversationType),
      type: 'installationUpdate',
      action,
      text: undefined,
    };
  }

  it('remembers a personal chat when the app is installed, with its user and service URL', async () => {
    await harness.post(installation('add', 'a:personal-alex', 'personal'));
    const address = await harness.repos.channels.addressOf('a:personal-alex');
    expect(address).toMatchObject({ conversationType: 'personal', aadObjectId: users.alex.aadObjectId, tenantId: 'tenant-1' });
    expect(address!.reference).toMatchObject({ serviceUrl: harness.connector.url, conversation: { id: 'a:personal-alex' } });
  });

  it('remembers a channel on its first message, without a user', async () => {
    await harness.say(users.adele, 'hjælp', channel, 'channel');
    const address = await harness.repos.channels.addressOf(channel);
    expect(address).toMatchObject({ conversationType: 'channel' });
    expect(address).not.toHaveProperty('aadObjectId');
  });

  it('forgets the channel, its address and its network link, when the app is removed', async () => {
    await harness.say(users.adele, 'tilknyt kanal beskæftigelsesnetværk', channel, 'channel');
    expect(await harness.repos.channels.linkOf(channel)).toMatchObject({ networkId: 'beskaeftigelsesnetvaerk' });
    await harness.post(installation('remove', channel, 'channel'));
    expect(await harness.repos.channels.addressOf(channel)).toBeUndefined();
    expect(await harness.repos.channels.linkOf(channel)).toBeUndefined();
  });

  it('forgets a group chat the bot is removed from', async () => {
    await harness.say(users.megan, 'hjælp', '19:gruppe@thread.v2', 'groupChat');
    expect(await harness.repos.channels.addressOf('19:gruppe@thread.v2')).toBeDefined();
    await harness.post({
      ...messageActivity(users.megan, harness.connector.url, '19:gruppe@thread.v2', '', 'groupChat'),
      type: 'conversationUpdate',
      text: undefined,
      membersRemoved: [{ id: '28:bot' }],
    });
    expect(await harness.repos.channels.addressOf('19:gruppe@thread.v2')).toBeUndefined();
  });
});
