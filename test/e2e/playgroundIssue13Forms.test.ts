import { levelOf } from '../support/cardModel';
import type { PlaygroundChat } from '../support/playgroundChat';
import { startPlaygroundRig, type PlaygroundRig } from '../support/playgroundRig';

const PLAN = 'husum-tingbjerg-2024-2028';
const formatDate = (iso: string) => iso.split('-').map(Number).reverse().join('.');

/**
 * Issue 13's form points in the Agents Playground: the week card must save the days it shows,
 * its confirmation must say what its numbers are, and the meeting card must start small.
 */
describe('issue 13 in the Agents Playground: the week and meeting forms', () => {
  jest.setTimeout(120_000);
  let rig: PlaygroundRig;
  let chat: PlaygroundChat;

  beforeAll(async () => {
    // Monday 16 June 2025 (week 25).
    rig = await startPlaygroundRig('2025-06-16T10:00:00+02:00');
    ({ chat } = await rig.openChat());
  });
  afterAll(async () => {
    await rig?.stop();
  });

  it("log uge shows the chosen week's dates and saves the days it shows", async () => {
    let form = await chat.sayForCard('log uge');
    const activity = () => form.locator.getByRole('combobox', { name: /^Aktivitet/ });
    await chat.choose(activity(), 'Legepatrulje');
    // Last week, 9-15 June (week 24): a date in it, or the week itself where the card offers a list.
    const week = form.locator.getByRole('combobox', { name: /^(En dato i ugen|Uge)/ });
    if (levelOf(form.json).inputs.find((i) => i.id === 'weekOf')?.type === 'Input.Date') await chat.pickDate(week, '2025-06-09');
    else await chat.choose(week, /Uge 24/);
    // A card that shows the chosen week only when asked has a button for it besides Gem ugen.
    const show = form.locator.getByRole('button', { name: /^(?!Gem).*(vis|skift|opdater)/i });
    if ((await show.count()) > 0) {
      const press = await chat.press(form.locator, show.first());
      if (press.replacedBy) form = { json: press.replacedBy, locator: form.locator };
      if (!(await activity().inputValue())) await chat.choose(activity(), 'Legepatrulje');
    }
    await form.locator.getByRole('spinbutton', { name: /^Deltagere/ }).first().fill('11');
    const monday = (await form.locator.getByText(/^Mandag \d+\.\d+\.\d{4}$/).first().innerText()).trim();
    await chat.press(form.locator, form.locator.getByRole('button', { name: 'Gem ugen' }));

    const saved = (await rig.harness.repos.records.listInRange(PLAN, 'attendance', { from: '2025-06-01', to: '2025-06-30' })).filter((r) => r.activityId === 'legepatrulje');
    // What the row said next to the 11 is the day the 11 is stored on, and it is the week chosen.
    expect({ shownNextToTheNumber: monday, storedOn: saved.map((r) => `Mandag ${formatDate(r.date)}`) }).toEqual({ shownNextToTheNumber: 'Mandag 9.6.2025', storedOn: ['Mandag 9.6.2025'] });

  });

  // The issue: "11 (+2)" with no word for either number.
  it('the week confirmation says what its numbers are', async () => {
    const form = await chat.sayForCard('log uge');
    await chat.choose(form.locator.getByRole('combobox', { name: /^Aktivitet/ }), 'Fælleshaven, Virkefeltet 16');
    await form.locator.getByRole('spinbutton', { name: /^Deltagere/ }).first().fill('11');
    await form.locator.getByRole('spinbutton', { name: /^Heraf nye/ }).first().fill('2');
    const press = await chat.press(form.locator, form.locator.getByRole('button', { name: 'Gem ugen' }));
    expect(press.replacedBy).toBeDefined();
    const confirmation = (await form.locator.innerText()).replace(/\s+/g, ' ');
    expect(confirmation).toContain('Ugen er gemt');
    expect(confirmation).not.toMatch(/\(\+\d+\)/);
    expect(confirmation).toMatch(/11 deltagere[^.]*2 nye/);
  });

  it('log møde shows one follow-up block and a way to add more', async () => {
    const form = await chat.sayForCard('log møde');
    const items = () => form.locator.getByRole('textbox', { name: /^Punkt \d+/ });
    await expect(items().count()).resolves.toBe(1);
    const add = form.locator.getByRole('button', { name: /tilføj|endnu et|flere opfølgning/i });
    await expect(add.count()).resolves.toBeGreaterThan(0);
    await add.first().click();
    await items().nth(1).waitFor();
    await expect(items().count()).resolves.toBe(2);
  });
});
