import { cardVerbs } from '../../src/cards/verbs';
import { executeActivity, users, type TestUser } from '../support/activities';
import { parseCardWithMicrosoftParser } from '../support/adaptiveCards';
import { BotHarness, cardOf, textsOf } from '../support/botHarness';

const PLAN = 'husum-tingbjerg-2024-2028';
const channel = '19:dinfritid-views@thread.tacv2';

type Card = Record<string, unknown>;
interface Refresh {
  action: { type: string; verb: string; data: { planId: string; cardId: string } };
  userIds: string[];
}

/** Every Action.Execute title in a card, with the ShowCard forms' titles. */
function buttonTitles(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if ((o.type === 'Action.Execute' || o.type === 'Action.ShowCard') && typeof o.title === 'string') out.push(o.title);
      for (const [k, v] of Object.entries(o)) if (k !== 'fallback' && k !== 'refresh') walk(v);
    }
  };
  walk(card);
  return out;
}

/**
 * Universal Actions in a network's channel: one reminder card that many people see. Teams asks
 * the bot for each person's own view (the card's `refresh`), and when an item on it is done the
 * shared card is rewritten for everyone.
 */
describe("a channel's reminder card, seen by each person and updated for all", () => {
  const harness = new BotHarness('2025-10-29T06:30:00+01:00');
  const channelCards = () => harness.connector.messagesTo(channel).map((a) => cardOf(a)!);

  /** What Teams sends when a user in `refresh.userIds` opens the channel: an automatic Action.Execute. */
  const refreshAs = async (user: TestUser, refresh: Refresh) => {
    const res = await harness.post({
      ...executeActivity(user, harness.connector.url, channel, refresh.action.verb, refresh.action.data),
      conversation: { id: channel, conversationType: 'channel', tenantId: 'tenant-1' },
      value: { action: { type: 'Action.Execute', verb: refresh.action.verb, data: refresh.action.data }, trigger: 'automatic' },
    });
    expect(res.status).toBe(200);
    return res.body?.value as Card | string;
  };

  /** A click on the shared card: Teams names the message it sits in (replyToId). */
  const clickInChannel = (user: TestUser, verb: string, data: unknown, messageId: string) =>
    harness.post({ ...executeActivity(user, harness.connector.url, channel, verb, data), conversation: { id: channel, conversationType: 'channel', tenantId: 'tenant-1' }, replyToId: messageId });

  beforeAll(async () => {
    await harness.start();
    // Alex and Megan have talked with the bot, so Teams ids are known for them; Aisha and Søren have not.
    await harness.say(users.alex, 'hjælp');
    await harness.say(users.megan, 'hjælp');
    await harness.say(users.alex, 'tilknyt kanal din fritid', channel, 'channel');
    harness.connector.clear();
    harness.clock.set('2025-10-29T09:00:00+01:00');
    await harness.tick();
  });
  afterAll(async () => {
    await harness.stop();
  });

  // The channel's own card; a member who never opened Logbog gets their copy there with an @mention.
  const titled = (title: string) => channelCards().find((c) => textsOf(c)[0] === title && !JSON.stringify(c).includes('<at>'))!;
  const meetingCard = () => titled('📅 Din Fritid-netværket holder møde om 3 dage');
  /** The connector's id for the message a card arrived in, as Teams gives it in replyToId. */
  const messageIdOf = (card: Card) => `reply-${harness.connector.activities.findIndex((a) => a.activity.attachments?.[0]?.content === card) + 1}`;

  it('posts the channel card with a refresh for the Teams users known in the network, and no personal settings button', () => {
    const card = meetingCard();
    const refresh = card.refresh as Refresh;
    expect(refresh.action).toMatchObject({ type: 'Action.Execute', verb: cardVerbs.refreshReminder, data: { planId: PLAN } });
    // Alex (coordinator and leader) and Megan (member) have personal chats; Aisha and Søren have not.
    expect(refresh.userIds.sort()).toEqual([users.alex.id, users.megan.id].sort());
    expect(buttonTitles(card)).not.toContain('Indstillinger for påmindelser');
    expect(parseCardWithMicrosoftParser(card).errors).toEqual([]);
  });

  it('gives each person their own view: a coordinator may set the next date, a member may log the meeting, an outsider only reads', async () => {
    const refresh = meetingCard().refresh as Refresh;
    const alex = (await refreshAs(users.alex, refresh)) as Card;
    const megan = (await refreshAs(users.megan, refresh)) as Card;
    const outsider = (await refreshAs(users.outsider, refresh)) as Card;
    expect(buttonTitles(alex)).toEqual(['Sæt dato for næste møde', 'Log mødet']);
    expect(buttonTitles(megan)).toEqual(['Log mødet']);
    expect(buttonTitles(outsider)).toEqual([]);
    expect(textsOf(outsider)).toContain('Kun planens medlemmer kan bruge knapperne på dette kort.');
    // Each view keeps refreshing for the same people, and parses.
    for (const view of [alex, megan, outsider]) {
      expect((view.refresh as Refresh).userIds).toEqual(refresh.userIds);
      expect(parseCardWithMicrosoftParser(view).errors).toEqual([]);
    }
  });

  it('when a member logs the meeting from the channel card, the shared card shows it done to everyone, and so does every later view', async () => {
    harness.clock.set('2025-11-02T09:00:00+01:00');
    await harness.tick();
    const card = titled('📝 Husk at logge mødet i Din Fritid-netværket');
    const refresh = card.refresh as Refresh;
    const messageId = messageIdOf(card);
    const logButton = JSON.stringify(card).match(/"verb":"showMeetingForm","data":(\{[^}]*\})/)![1]!;
    const opened = await clickInChannel(users.megan, cardVerbs.showMeetingForm, JSON.parse(logButton), messageId);
    const form = opened.body?.value as Card;
    expect(textsOf(form)[0]).toBe('Log møde');
    const save = (form.actions as { verb?: string; data?: Record<string, unknown> }[]).find((a) => a.verb === cardVerbs.saveMeeting)!.data!;
    expect(save.cardId).toBe(refresh.action.data.cardId);

    const saved = await clickInChannel(users.megan, cardVerbs.saveMeeting, { ...save, networkId: 'din-fritid-netvaerk', date: '2025-11-01', summary: 'Planlagde vinterferien' }, messageId);
    expect(textsOf(saved.body?.value)[0]).toBe('✅ Møde gemt');

    const [update] = harness.connector.updates;
    expect(update).toMatchObject({ conversationId: channel, activityId: messageId });
    const shared = cardOf(update!.activity as never)!;
    expect(textsOf(shared)[0]).toBe('✅ 📝 Husk at logge mødet i Din Fritid-netværket');
    expect(textsOf(shared)).toContain('Klaret 1.11.2025 af Megan Bowen.');
    expect(buttonTitles(shared)).toEqual([]);
    expect((shared.refresh as Refresh).userIds).toEqual(refresh.userIds);
    expect(parseCardWithMicrosoftParser(shared).errors).toEqual([]);

    const later = (await refreshAs(users.alex, refresh)) as Card;
    expect(textsOf(later)).toContain('Klaret 1.11.2025 af Megan Bowen.');
    expect(buttonTitles(later)).toEqual([]);
  });

  it('shows a channel card only in its own channel: a card id sent from elsewhere gets a Danish answer and no card', async () => {
    const refresh = meetingCard().refresh as Refresh;
    const res = await harness.execute(users.outsider, cardVerbs.refreshReminder, refresh.action.data, 'conv-elsewhere');
    expect(res.body?.value).toBe('Dette kort kan ikke vises igen; påmindelsen er for gammel eller hører til en anden samtale.');
    const forged = await harness.execute(users.alex, cardVerbs.refreshReminder, { planId: PLAN, cardId: { $ne: null } }, channel);
    expect(forged.body?.value).toBe('Dette kort kan ikke vises igen; påmindelsen er for gammel eller hører til en anden samtale.');
  });

  it('keeps personal reminder cards without a refresh: they have one reader', () => {
    const personal = harness.connector.messages().filter((a) => a.conversationId !== channel);
    expect(personal.length).toBeGreaterThan(0);
    for (const a of personal) expect(cardOf(a.activity)?.refresh).toBeUndefined();
  });
});
