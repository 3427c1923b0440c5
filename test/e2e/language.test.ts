import { cardVerbs } from '../../src/cards/verbs';
import { messageActivity, users } from '../support/activities';
import { BotHarness, cardOf, textsOf } from '../support/botHarness';

/** Danish first; English when Teams reports an English locale; a user's own choice wins. */
describe('the language of replies', () => {
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');

  beforeAll(async () => {
    await harness.start();
  });
  afterAll(async () => {
    await harness.stop();
  });

  async function helpTitle(user: (typeof users)[keyof typeof users], locale: string) {
    const conversationId = `conv-lang-${user.id}`;
    const before = harness.connector.messagesTo(conversationId).length;
    await harness.post({ ...messageActivity(user, harness.connector.url, conversationId, 'hjælp'), locale });
    return textsOf(cardOf(harness.connector.messagesTo(conversationId)[before]))[0];
  }

  it('answers in Danish for a Danish locale and in English for an English one', async () => {
    expect(await helpTitle(users.megan, 'da-DK')).toBe('Logbog: det kan jeg');
    expect(await helpTitle(users.megan, 'en-US')).toBe('Logbog: what I can do');
  });

  it('keeps a user\'s own choice whatever the locale, until they change it', async () => {
    const [chosen] = await harness.say(users.adele, 'language english');
    expect(chosen!.text).toMatch(/^I will answer you in English from now on/);
    expect(await helpTitle(users.adele, 'da-DK')).toBe('Logbog: what I can do');
    await harness.say(users.adele, 'sprog dansk');
    expect(await helpTitle(users.adele, 'en-US')).toBe('Logbog: det kan jeg');
  });

  it('shows validation messages and refusals in English too', async () => {
    await harness.say(users.isaiah, 'language english');
    const [refused] = await harness.say(users.isaiah, 'log attendance');
    expect(refused!.text).toMatch(/^You do not have access: logging attendance needs the role member, coordinator or leader in the plan/);
    await harness.say(users.alex, 'language english');
    const form = cardOf((await harness.say(users.alex, 'log attendance'))[0]);
    const data = (form as { actions: { verb?: string; data?: Record<string, unknown> }[] }).actions.find((a) => a.verb === cardVerbs.saveAttendance)!.data!;
    const res = await harness.execute(users.alex, cardVerbs.saveAttendance, { ...data, activityId: 'legepatrulje', date: '2025-06-10', headcount: '-1' });
    expect(textsOf(res.body!.value)).toEqual(expect.arrayContaining(['Log attendance', 'Cannot be negative.']));
    await harness.say(users.alex, 'sprog dansk');
  });
});
