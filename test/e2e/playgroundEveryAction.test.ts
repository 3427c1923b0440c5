import { users } from '../support/activities';
import { BotHarness } from '../support/botHarness';
import { CardCrawler } from '../support/cardCrawler';
import { cardTexts, titleOf, withFallbacks, type CardJson } from '../support/cardModel';
import type { PlaygroundChat } from '../support/playgroundChat';
import { startPlaygroundRig, type PlaygroundRig } from '../support/playgroundRig';
import { criteriaPlanFile } from '../fixtures/plans';

/** Every chat command that answers with a card, in an order that gives the later ones something to show. */
// `hjælp` answers with the welcome card, crawled last. A card reached through a button is crawled
// only if its kind is new, so the cards that other cards lead to come first.
const COMMANDS = [
  'log fremmøde',
  'log uge',
  'log møde',
  'log henvisning',
  'log resultat',
  'mine henvisninger',
  'mine registreringer',
  'indstillinger',
  'næste møde',
  'milepæle',
  'status',
  'status uddannelse og livschancer',
  'status legepatrulje',
  'status din fritid-netværket',
];

/**
 * Every button on every kind of card Logbog sends, pressed in Microsoft's Agents Playground in
 * Chromium, the way a coordinator would: typed commands, the forms they open (required fields
 * filled in), the confirmations and cards those bring, the status card at each scope, the
 * reminders and the weekly digest the scheduler sends, and, with a second plan behind the relay,
 * the outcome and assessment forms. A button fails the test when nothing reaches the bot or
 * nothing comes back, and the failure names the card and the button.
 */
describe('every button on every card, in the Agents Playground', () => {
  jest.setTimeout(420_000);
  // Monday 16 June 2025, 10:00 in Copenhagen: the plan is running and its reminders are due.
  const NOW = '2025-06-16T10:00:00+02:00';
  let rig: PlaygroundRig;
  let chat: PlaygroundChat;
  let crawler: CardCrawler;
  let second: BotHarness | undefined;
  let welcome: CardJson | undefined;

  beforeAll(async () => {
    rig = await startPlaygroundRig(NOW);
    const opened = await rig.openChat();
    chat = opened.chat;
    crawler = new CardCrawler(chat, {
      today: '2025-06-16',
      maxDepth: 2,
      perSignature: 2,
      // Enough beyond the required fields for each form to be saved, so its confirmation is reached too.
      // The meeting's follow-up item is Alex's and due in two days, so the scheduler reminds of it.
      fill: { day1Headcount: '11', day1New: '2', to: 'first', period: '2025', value: '12', followUp1Text: 'Send invitation til jobcafé', followUp1Owner: 'Alex Wilber', followUp1Due: '2025-06-18' },
    });
    welcome = opened.welcome.find((m) => m.card)?.card?.json;
  });
  afterAll(async () => {
    if (crawler) {
      const list = process.env.CRAWL_REPORT ? crawler.pressed.map((p) => `  ${p.card}: ${p.button} → ${p.answer || '(nothing)'} [${p.ms} ms]`) : [];
      console.log([`${crawler.pressed.length} buttons pressed on ${crawler.cardsVisited.length} cards (CRAWL_REPORT=1 lists them).`, ...list].join('\n'));
    }
    await second?.stop();
    await rig?.stop();
  });

  const failures = () => crawler.findings.map((f) => `${f.card}: ${f.button} ${f.problem}`);

  it('answers every button on the cards the chat commands open, and on the cards those buttons bring', async () => {
    for (const command of COMMANDS) {
      const replies = await chat.say(command);
      for (const r of replies) if (r.card) await crawler.crawl(`"${command}" (${titleOf(r.card.json)})`, r.card.json);
    }
    // Last, so that its buttons lead to kinds of card already crawled.
    expect(welcome).toBeDefined();
    await crawler.crawl('velkomstkortet (hjælp)', welcome!);
    expect(failures()).toEqual([]);
  });

  // The Playground draws Action.Execute itself and never its fallback; older Teams clients press
  // the Action.Submit fallback, whose answer comes as a new message. Two cards, drawn that way.
  it('answers the Action.Submit fallbacks too (the help card and the milestones card as older clients draw them)', async () => {
    const before = crawler.findings.length;
    for (const command of ['hjælp', 'milepæle']) {
      const card = await chat.sayForCard(command);
      await crawler.crawl(`"${command}" med Action.Submit (${titleOf(card.json)})`, withFallbacks(card.json), 1, `fallbacks ${command}`);
    }
    expect(failures().slice(before)).toEqual([]);
  });

  it('answers every button on the reminder cards the scheduler sends', async () => {
    const before = crawler.findings.length;
    let said = '';
    // Pressing every button above deleted entries and closed the referral; log what the later
    // reminders are about again: a meeting with Alex's follow-up item, and an open referral.
    rig.harness.clock.set(NOW);
    for (const command of ['log møde', 'log henvisning']) {
      const form = await chat.sayForCard(command);
      await crawler.fillIn(form.locator, form.json);
      const press = await chat.press(form.locator, form.locator.getByRole('button', { name: 'Gem', exact: true }));
      expect(press.replacedBy && titleOf(press.replacedBy)).toMatch(/^✅/);
    }
    // Today: overdue milestones, last week's missing attendance, the follow-up item logged above.
    // 29 October: milestones coming due, and a network Alex coordinates meets in three days;
    // 2 November: a meeting was not logged; 16 December: the referral is due for its follow-up.
    for (const when of [NOW, '2025-10-29T09:00:00+01:00', '2025-11-02T09:00:00+01:00', '2025-12-16T09:00:00+01:00']) {
      rig.harness.clock.set(when);
      const mark = rig.tap.mark;
      await rig.harness.tick();
      const reminders = (await chat.rendered(mark)).flatMap((m) => (m.card ? [m.card] : []));
      // One of each sort (the title's symbol): thirteen overdue milestones carry the same buttons.
      for (const r of reminders) {
        said += cardTexts(r.json).join('\n');
        await crawler.crawl(`påmindelse (${titleOf(r.json)})`, r.json, 1, `reminder ${titleOf(r.json).split(' ')[0]}`);
      }
    }
    // Every sort of reminder came, on cards of its own or as lines of one card.
    expect(['☑️', '⚠️', '🏁', '📅', '📋', '📝', '🔁'].filter((sort) => !said.includes(sort))).toEqual([]);
    expect(failures().slice(before)).toEqual([]);
  });

  it('answers every button on the weekly digest', async () => {
    const before = crawler.findings.length;
    await rig.harness.repos.preferences.save(users.alex.aadObjectId, { language: 'da', weeklyDigest: true });
    rig.harness.clock.set('2025-12-22T08:00:00+01:00');
    const mark = rig.tap.mark;
    await rig.harness.tick();
    const digest = (await chat.rendered(mark)).flatMap((m) => (m.card ? [m.card] : []));
    expect(digest.map((d) => titleOf(d.json))).toContain('🗓️ Dine påmindelser, uge 52');
    for (const d of digest) await crawler.crawl(`ugekort (${titleOf(d.json)})`, d.json);
    expect(failures().slice(before)).toEqual([]);
  });

  it('answers every button on the outcome and assessment cards (a plan that has them)', async () => {
    const before = crawler.findings.length;
    second = new BotHarness(NOW);
    await second.start([criteriaPlanFile]);
    await second.repos.preferences.save(users.alex.aadObjectId, { language: 'da' });
    rig.tap.retarget(`${second.server.url}/api/messages`);
    for (const command of ['log resultat', 'log vurdering', 'mine registreringer']) {
      const replies = await chat.say(command);
      for (const r of replies) if (r.card) await crawler.crawl(`"${command}" i testplanen (${titleOf(r.card.json)})`, r.card.json);
    }
    expect(crawler.cardsVisited.join('\n')).toMatch(/Registrér vurdering eller spørgeskema/);
    expect(failures().slice(before)).toEqual([]);
  });
});
