import { milestoneOccurrences } from '../../src/domain/plan/milestones';
import { loadDemoPlan } from '../fixtures/plans';
import { users } from '../support/activities';
import { titleOf, cardTexts } from '../support/cardModel';
import { escapeRe, type PlaygroundChat } from '../support/playgroundChat';
import { startPlaygroundRig, type PlaygroundRig } from '../support/playgroundRig';
import { seedSession } from '../support/seedLogbook';

const PLAN = 'husum-tingbjerg-2024-2028';
const KINDS = ['Kommende netværksmøder', '"Husk at logge mødet"', 'Milepæle der nærmer sig', 'Forsinkede milepæle', 'Opfølgning på henvisninger', 'Manglende fremmøde', 'Opfølgningspunkter fra møder'];

const milestoneTexts = new Set(milestoneOccurrences(loadDemoPlan()).map((o) => o.text));
/** The first milestone a card lists, by its text in the plan. */
const firstMilestoneIn = (card: Record<string, unknown>) => cardTexts(card).find((t) => milestoneTexts.has(t))!;

/** The list itself when it is longer than allowed, so a failure shows what came. */
const beyond = <T>(max: number, list: T[]) => (list.length > max ? list : []);

/**
 * Issue 13 in the Agents Playground, clicked as a coordinator does: buttons that must answer,
 * the first open, deleting, typos and the reminder settings. Each test names the behaviour a
 * Danish coordinator expects; they fail where the product does not do it yet.
 */
describe('issue 13 in the Agents Playground: buttons, first open, deleting, typos, settings', () => {
  jest.setTimeout(120_000);
  let rig: PlaygroundRig;
  let chat: PlaygroundChat;

  beforeAll(async () => {
    // Monday 16 June 2025: thirteen milestones overdue, weekly activities without last week's attendance.
    rig = await startPlaygroundRig('2025-06-16T10:00:00+02:00');
    // The first open: the Playground installs the bot, which says hello and remembers the chat.
    ({ chat } = await rig.openChat());
  });
  afterAll(async () => {
    await rig?.stop();
  });

  // First: the scheduler's first tick after the install, before the user has typed anything.
  it('first open shows at most one reminder card', async () => {
    const mark = rig.tap.mark;
    await rig.harness.tick();
    const reminders = (await chat.rendered(mark)).flatMap((m) => (m.card ? [titleOf(m.card.json)] : []));
    expect(reminders.length).toBeGreaterThan(0);
    expect(beyond(1, reminders)).toEqual([]);
  });

  it('completes a milestone from the milepæle card and gets feedback', async () => {
    await chat.reload();
    const card = await chat.sayForCard('milepæle');
    const title = firstMilestoneIn(card.json);
    await card.locator.getByRole('button', { name: 'Markér som færdig' }).first().click();
    const form = card.locator.locator('.ac-adaptiveCard').filter({ visible: true }).last();
    await form.getByRole('textbox').first().fill('Holdt i beboerhuset');
    const press = await chat.press(card.locator, form.getByRole('button', { name: 'Markér som færdig' }));
    expect({ pageErrors: press.pageErrors, reachedTheBot: press.sent.length }).toEqual({ pageErrors: [], reachedTheBot: 1 });
    await card.locator.getByText(`Markeret som færdig: ${title}`).waitFor();
    const states = await rig.harness.repos.schedule.milestoneStates(PLAN);
    expect(states.map((s) => s.record.done?.note)).toContain('Holdt i beboerhuset');
  });

  it('moves a milestone to a new date from the milepæle card, with a reason, and gets feedback', async () => {
    const card = await chat.sayForCard('milepæle');
    const title = firstMilestoneIn(card.json);
    await card.locator.getByRole('button', { name: 'Flyt dato' }).first().click();
    const form = card.locator.locator('.ac-adaptiveCard').filter({ visible: true }).last();
    await chat.pickDate(form.getByRole('combobox').first(), '2025-09-30');
    await form.getByRole('textbox').first().fill('Afventer tal fra kommunen');
    const press = await chat.press(card.locator, form.getByRole('button', { name: 'Flyt dato' }));
    expect({ pageErrors: press.pageErrors, reachedTheBot: press.sent.length }).toEqual({ pageErrors: [], reachedTheBot: 1 });
    await card.locator.getByText(`Flyttet til 30.9.2025: ${title}`).waitFor();
  });

  it('asks before deleting an entry and offers undo', async () => {
    await seedSession(rig.harness, users.alex, { activityId: 'legepatrulje', date: '2025-06-12', headcount: '14' });
    const stored = () => rig.harness.repos.records.listInRange(PLAN, 'attendance', { from: '2025-06-12', to: '2025-06-12' });
    expect(await stored()).toHaveLength(1);
    const card = await chat.sayForCard('mine registreringer');
    const entry = card.locator.getByText('Fremmøde · Legepatrulje · 12.6.2025');
    await entry.waitFor();
    // Asking may happen in the card itself (a ShowCard) or in the bot's answer: either way a
    // button to go on appears, and nothing is gone yet.
    await card.locator.getByRole('button', { name: 'Slet', exact: true }).first().click();
    const confirm = card.locator.getByRole('button', { name: /^(ja|bekræft)/i });
    await confirm.first().waitFor({ timeout: 5_000 }).catch(() => undefined);
    expect(await stored()).toHaveLength(1);
    await expect(confirm.count()).resolves.toBe(1);
    await chat.press(card.locator, confirm);
    expect(await stored()).toHaveLength(0);
    // And it can be taken back.
    const undo = card.locator.getByRole('button', { name: /fortryd/i });
    await expect(undo.count()).resolves.toBe(1);
    await chat.press(card.locator, undo);
    expect(await stored()).toEqual([expect.objectContaining({ activityId: 'legepatrulje', headcount: 14 })]);
  });

  it('answers log fremøde with Mente du "log fremmøde"? and a button that opens the form', async () => {
    const [reply] = await chat.say('log fremøde');
    const text = reply?.card ? cardTexts(reply.card.json).join('\n') : (reply?.text ?? '');
    expect(text).toContain('Mente du "log fremmøde"?');
    expect(reply?.card).toBeDefined();
    const card = reply!.card!.locator;
    const press = await chat.press(card, card.getByRole('button', { name: /fremmøde|^ja/i }).first());
    const opened = press.replacedBy ?? press.messages.find((m) => m.card)?.card?.json;
    expect(opened && titleOf(opened)).toBe('Log fremmøde');
  });

  it('answers statsu with Mente du "status"?', async () => {
    const [reply] = await chat.say('statsu');
    const text = reply?.card ? cardTexts(reply.card.json).join('\n') : (reply?.text ?? '');
    expect(text).toContain('Mente du "status"?');
  });

  it('settings: every reminder is ticked while it is on, and ticking a reminder kind turns it on', async () => {
    await rig.harness.repos.preferences.save(users.alex.aadObjectId, { language: 'da' });
    const open = async () => {
      const card = await chat.sayForCard('indstillinger');
      // A box's accessible name is the group's label followed by the kind's.
      const box = (kind: string) => card.locator.getByRole('checkbox', { name: new RegExp(`${escapeRe(kind)}$`) });
      return { card, box };
    };
    const first = await open();
    const ticked = await Promise.all(KINDS.map(async (k) => [k, await first.box(k).isChecked()] as const));
    // No reminder is off, so a coordinator expects every kind ticked.
    expect(ticked.filter(([, on]) => !on).map(([k]) => k)).toEqual([]);
    await first.box('Manglende fremmøde').uncheck();
    await chat.press(first.card.locator, first.card.locator.getByRole('button', { name: 'Gem indstillinger' }));
    expect((await rig.harness.repos.preferences.get(users.alex.aadObjectId)).mutedKinds).toEqual(['missingAttendance']);

    const second = await open();
    await expect(second.box('Manglende fremmøde').isChecked()).resolves.toBe(false);
    await second.box('Manglende fremmøde').check();
    await chat.press(second.card.locator, second.card.locator.getByRole('button', { name: 'Gem indstillinger' }));
    expect((await rig.harness.repos.preferences.get(users.alex.aadObjectId)).mutedKinds ?? []).toEqual([]);
  });
});
