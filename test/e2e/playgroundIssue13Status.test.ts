import { milestoneOccurrences, type MilestoneOccurrence } from '../../src/domain/plan/milestones';
import { loadDemoPlan } from '../fixtures/plans';
import { users } from '../support/activities';
import { cardTexts, elementsOf, titleOf, type CardJson } from '../support/cardModel';
import type { BotMessage, PlaygroundChat } from '../support/playgroundChat';
import { startPlaygroundRig, type PlaygroundRig } from '../support/playgroundRig';
import { seedOneOfEverything } from '../support/seedLogbook';

const plan = loadDemoPlan();
const TODAY = '2025-06-16';
const occurrences = milestoneOccurrences(plan);
const memberName = (id: string) => plan.members.find((m) => m.id === id)?.name ?? id;

/** "6 på sporet · 15 bagud · 1 foran · 49 uden data · 28 ikke aktive i perioden" as numbers. */
function mixOf(text: string) {
  const m = /^(\d+) på sporet · (\d+) bagud · (\d+) foran · (\d+) uden data(?: · (\d+) ikke aktive i perioden)?$/.exec(text);
  return m ? { onTrack: +m[1]!, behind: +m[2]!, ahead: +m[3]!, noData: +m[4]!, inactive: +(m[5] ?? 0) } : undefined;
}

/** The milestones a text mentions, in the order it mentions them (the plan's texts are unique per due date). */
function milestonesIn(text: string): { occurrence: MilestoneOccurrence; at: number }[] {
  return occurrences
    .map((occurrence) => ({ occurrence, at: text.indexOf(occurrence.text) }))
    .filter((m) => m.at >= 0 && m.occurrence.due < TODAY)
    .sort((a, b) => a.at - b.at);
}

/** Listed milestones with an owner in the plan whose entry (up to the next milestone) does not name the owner. */
function ownersMissing(text: string, listed: { occurrence: MilestoneOccurrence; at: number }[]): string[] {
  return listed
    .filter((l, i) => l.occurrence.owner && !text.slice(l.at, listed[i + 1]?.at).includes(memberName(l.occurrence.owner)))
    .map((l) => `${l.occurrence.text} (${memberName(l.occurrence.owner!)})`);
}

/** A button to the next page of a list (not back to the one before). */
const NEXT_PAGE = /^(?!.*forrige).*(næste|flere|resten|vis alle)/i;

/**
 * The overdue milestones in a reply, over all its pages (a card with a button to the next page is
 * followed): each page sorted by due date, each entry with its owner where the plan names one.
 */
async function overdueIn(chat: PlaygroundChat, replies: BotMessage[]) {
  const pages: string[] = replies.filter((r) => !r.card).map((r) => r.text ?? '');
  let card = replies.find((r) => r.card)?.card;
  for (let page = 0; card && page < 6; page++) {
    pages.push(cardTexts(card.json).join('\n'));
    const more = card.locator.getByRole('button', { name: NEXT_PAGE });
    if ((await more.count()) === 0) break;
    const press = await chat.press(card.locator, more.first());
    card = press.replacedBy ? { json: press.replacedBy, locator: card.locator } : press.messages.find((m) => m.card)?.card;
  }
  const listed: MilestoneOccurrence[] = [];
  const unsortedPages: string[][] = [];
  const missing: string[] = [];
  for (const text of pages) {
    const onPage = milestonesIn(text);
    const dues = onPage.map((l) => l.occurrence.due);
    if (dues.join() !== [...dues].sort().join()) unsortedPages.push(dues);
    missing.push(...ownersMissing(text, onPage));
    for (const l of onPage) if (!listed.some((o) => o.id === l.occurrence.id)) listed.push(l.occurrence);
  }
  return { listed, unsortedPages, ownersMissing: missing };
}

/** A status row's figure: the text in the column after the row's target text. */
function rowFigure(card: CardJson, target: string): string | undefined {
  const row = elementsOf(card).find((e) => e.type === 'ColumnSet' && cardTexts(e)[0] === target);
  const columns = (row?.columns ?? []) as CardJson[];
  return columns[1] ? cardTexts(columns[1])[0] : undefined;
}

/**
 * Issue 13's status and milestone points in the Agents Playground, on a logbook with one session
 * of every activity and one meeting of every network logged two weeks ago: many targets and
 * meeting plans behind, the rest without data.
 */
describe('issue 13 in the Agents Playground: the status card and the overdue milestones', () => {
  jest.setTimeout(120_000);
  let rig: PlaygroundRig;
  let chat: PlaygroundChat;

  beforeAll(async () => {
    rig = await startPlaygroundRig(`${TODAY}T10:00:00+02:00`);
    await seedOneOfEverything(rig.harness, users.alex, '2025-06-02');
    ({ chat } = await rig.openChat());
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it('status card header equals the sum of its focus areas and says how many behind are not listed', async () => {
    const card = await chat.sayForCard('status');
    const texts = cardTexts(card.json);
    const [header, ...groups] = texts.map(mixOf).filter((m) => m !== undefined);
    expect(header).toBeDefined();
    await card.locator.getByText(texts.find((t) => mixOf(t))!).first().waitFor();
    const sum = groups.reduce((a, g) => ({ onTrack: a.onTrack + g.onTrack, behind: a.behind + g.behind, ahead: a.ahead + g.ahead, noData: a.noData + g.noData, inactive: a.inactive + g.inactive }));
    expect(sum).toEqual(header);
    // Every target or meeting plan the header counts as behind is either listed, or counted in a sentence saying it is not.
    const listed = texts.filter((t) => /bagud$/.test(t) && !mixOf(t)).length;
    const notListed = texts.map((t) => /(\d+)[^.;]*?\b(mere|flere|ikke vist|vises ikke)\b/.exec(t)?.[1]).reduce((a, n) => a + Number(n ?? 0), 0);
    expect({ behindInHeader: header!.behind, listedOrCounted: listed + notListed }).toEqual({ behindInHeader: header!.behind, listedOrCounted: header!.behind });
  });

  it('the status card contains a chart element with a fallback, and the Playground draws one of them', async () => {
    const card = await chat.sayForCard('status');
    const charts = elementsOf(card.json).filter((e) => typeof e.type === 'string' && e.type.startsWith('Chart.'));
    expect(charts.map((c) => c.type)).not.toEqual([]);
    for (const chart of charts) expect(chart.fallback).toEqual(expect.objectContaining({ type: expect.any(String) }));
    const fallbackTexts = charts.flatMap((c) => cardTexts(c.fallback));
    const drawn = (await card.locator.locator('svg').count()) > 0 || (fallbackTexts[0] !== undefined && (await card.locator.getByText(fallbackTexts[0]).count()) > 0);
    expect(drawn).toBe(true);
  });

  // The issue measured 2,324 px, mostly "ingen data" rows. Chosen here: one and a half screens of
  // the Playground (1,000 px high), at the width it draws cards (450 px).
  it('a focus-area status card stays within one and a half screens, also when showing the targets without data', async () => {
    const card = await chat.sayForCard('status uddannelse og livschancer');
    const height = async () => Math.round((await card.locator.boundingBox())!.height);
    expect(await height()).toBeLessThanOrEqual(1500);
    const press = await chat.press(card.locator, card.locator.getByRole('button', { name: 'Vis dem' }));
    const shown = press.messages.find((m) => m.card)?.card?.locator ?? card.locator;
    expect(Math.round((await shown.boundingBox())!.height)).toBeLessThanOrEqual(1500);
  });

  it('counts a festival once, with the schools that took part, and an ordinary session not as a festival', async () => {
    const log = async (kind: string | undefined, headcount: string, schools: string[]) => {
      const form = await chat.sayForCard('log fremmøde');
      await chat.choose(form.locator.getByRole('combobox', { name: /^Aktivitet/ }), 'Din Fritid');
      if (kind) await chat.choose(form.locator.getByRole('combobox', { name: /^Slags gang/ }), kind);
      await form.locator.getByRole('spinbutton', { name: /^Antal deltagere/ }).fill(headcount);
      if (schools.length) {
        await form.locator.getByRole('button', { name: 'Flere detaljer' }).click();
        for (const s of schools) await chat.choose(form.locator.getByRole('combobox', { name: /^Partnerorganisationer/ }), s);
      }
      const press = await chat.press(form.locator, form.locator.getByRole('button', { name: 'Gem', exact: true }));
      expect(press.replacedBy && titleOf(press.replacedBy)).toBe('✅ Fremmøde gemt');
    };
    await log('Din Fritid Fritidsfestival (Din Fritid)', '120', ['Husum Skole', 'Korsager Skole', 'Tingbjerg Skole og Fritid']);
    await log(undefined, '15', []);
    const status = await chat.sayForCard('status din fritid');
    expect(rowFigure(status.json, 'Din Fritid Fritidsfestival (årlig)')).toBe('1');
    expect(rowFigure(status.json, 'Børn fra alle 3 skoler deltager i Fritidsfestivalen')).toBe('3');
  });

  it('answers "hvilke milepæle er forsinket?" with every overdue milestone, sorted, with owners and buttons, and no markdown in the chat preview', async () => {
    const status = cardTexts((await chat.sayForCard('status')).json).join('\n');
    const overdue = Number(/(\d+) forsinked?e/.exec(status)?.[1]);
    const replies = await chat.say('hvilke milepæle er forsinket?');
    const answer = await overdueIn(chat, replies);
    expect(answer.listed.map((o) => o.id)).toHaveLength(overdue);
    expect(answer.unsortedPages).toEqual([]);
    expect(answer.ownersMissing).toEqual([]);
    expect(replies.some((r) => r.card && elementsOf(r.card.json).some((e) => typeof e.type === 'string' && e.type.startsWith('Action.')))).toBe(true);
    // Teams shows a message's plain text in the chat list and in notifications, markdown marks and all.
    expect(replies.map((r) => r.from.activity.text ?? '').join('')).not.toContain('**');
    const preview = await chat.page.getByText('Personal Chat', { exact: true }).first().locator('xpath=ancestor::*[4]').innerText();
    expect(preview).not.toContain('**');
  });

  it('milepæle lists all overdue milestones sorted with owners, with a way to see more than 10', async () => {
    const answer = await overdueIn(chat, await chat.say('hvilke milepæle er forsinket?'));
    const card = await overdueIn(chat, await chat.say('milepæle'));
    expect(card.unsortedPages).toEqual([]);
    expect(card.ownersMissing).toEqual([]);
    // The same milestones as the answer to the question (and as many as the status card counts).
    expect(card.listed.map((o) => o.id).sort()).toEqual(answer.listed.map((o) => o.id).sort());
  });

  it('Indtast tal opens as a new card and leaves the status card', async () => {
    const status = await chat.sayForCard('status');
    const press = await chat.press(status.locator, status.locator.getByRole('button', { name: 'Indtast tal' }));
    const opened = press.messages.find((m) => m.card)?.card;
    expect(opened && titleOf(opened.json)).toBe('Indtast tal fra andre kilder');
    // The status card is still there, as it was.
    expect(press.replacedBy === undefined || titleOf(press.replacedBy) === titleOf(status.json)).toBe(true);
    await status.locator.getByText(titleOf(status.json)).first().waitFor();
  });
});
