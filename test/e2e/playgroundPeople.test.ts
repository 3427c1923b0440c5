import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { playgroundUser, startPlayground, type RunningPlayground } from '../../src/main/playground';
import { BotHarness } from '../support/botHarness';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

const PLAN = 'husum-tingbjerg-2024-2028';
const alex = playgroundUser('alexw@example.com')!;
const patti = playgroundUser('pattif@example.com')!;

/**
 * Issue 11 in Microsoft's Agents Playground, rendered by headless Chromium, with the demo plan,
 * which names its people by e-mail address only. Alex, the Playground's default user, is its
 * leader: in the team's channel Alex opens the members card, finds Patti Fernandez in its people
 * picker (the Playground renders one over the channel's members, though its README says not) and
 * makes Patti, who is in the team but not the plan, coordinator of Din Fritid. Then the Playground
 * is started again acting as Patti, who logs a meeting of that network.
 */
describe('people from Teams in the Agents Playground', () => {
  jest.setTimeout(180_000);
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  let browser: Browser;
  let playground: RunningPlayground | undefined;

  beforeAll(async () => {
    await harness.start();
    // As npm start does: the Playground reports en-US; its users work in Danish.
    for (const user of [alex, patti]) await harness.repos.preferences.save(user.aadObjectId, { language: 'da' });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await harness.stop();
  });

  async function open(actingAs?: typeof patti): Promise<Page> {
    await playground?.stop();
    playground = await startPlayground(`${harness.server.url}/api/messages`, await freePort(), join(__dirname, '..', '..'), actingAs);
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(playground.url, { waitUntil: 'networkidle' });
    return page;
  }

  // A card is found by what it says: the welcome cards of the installs arrive whenever they do.
  const cardSaying = async (page: Page, text: string) => {
    const card = page.locator('.ac-adaptiveCard', { hasText: text }).last();
    await card.waitFor();
    return card;
  };
  const choose = async (page: Page, card: ReturnType<Page['locator']>, label: string, option: string) => {
    await card.getByRole('combobox', { name: label }).click();
    await page.getByRole('option', { name: option, exact: true }).click();
  };

  it('lets the leader make a team member coordinator from the members card, and that user then logs a meeting for the network', async () => {
    const page = await open();
    await page.getByRole('treeitem', { name: 'My Team - General' }).click();
    // In a channel the bot hears a post that @mentions it, as in Teams. The channel's new-post box
    // is there once its placeholder shows; it is typed into key by key, as its mention menu expects.
    await page.getByText('Start a new post').waitFor();
    const editor = page.locator('[contenteditable=true][role=textbox]').first();
    await editor.click();
    await editor.pressSequentially('@Test', { delay: 50 });
    await page.getByRole('menuitem', { name: 'Test Bot' }).click();
    await editor.pressSequentially(' medlemmer', { delay: 20 });
    await page.getByRole('button', { name: 'Post', exact: true }).click();
    const card = await cardSaying(page, 'Tilføj en person, eller ændr en persons rolle');
    // The Playground shows Teams' people picker (searching the channel's members) and submits its own user id for Patti.
    await card.getByRole('combobox', { name: 'People Picker' }).click();
    await page.keyboard.type('Patti');
    await page.locator('#test-tool-people-picker-layer-host').getByRole('option', { name: /Patti Fernandez/ }).click();
    await choose(page, card, 'Netværk', 'Din Fritid-netværket');
    await choose(page, card, 'Hvad skal ske?', 'Tovholder for netværket');
    await card.getByRole('button', { name: 'Gem ændringen' }).click();
    await cardSaying(page, 'Patti Fernandez er nu tovholder for Din Fritid-netværket.');
    const [entry] = await harness.repos.audit.listForRecord(PLAN, 'patti-fernandez');
    expect(entry).toMatchObject({ actor: 'alex-wilber', via: 'chat', action: 'create', after: { aadObjectId: patti.aadObjectId, networks: { 'din-fritid-netvaerk': 'coordinator' } } });

    // The Playground again, acting as Patti: her personal chat, her first turn.
    const pattiPage = await open(patti);
    await pattiPage.getByText('Patti Fernandez').first().waitFor();
    const compose = pattiPage.locator('[contenteditable=true][role=textbox]');
    await compose.click();
    await compose.fill('log møde');
    await pattiPage.keyboard.press('Enter');
    const form = await cardSaying(pattiPage, 'Netværk eller organ');
    await choose(pattiPage, form, 'Netværk eller organ', 'Din Fritid-netværket');
    await form.getByRole('button', { name: 'Gem' }).click();
    // The form is replaced by the confirmation.
    await cardSaying(pattiPage, 'Møde gemt');

    const meetings = await harness.repos.records.listInRange(PLAN, 'meeting', { from: '2025-06-16', to: '2025-06-16' });
    expect(meetings).toEqual([expect.objectContaining({ networkId: 'din-fritid-netvaerk', loggedBy: 'patti-fernandez', participants: ['patti-fernandez'] })]);
    // And as coordinator of the network, Patti may set its next meeting (coordinators only).
    expect((await harness.repos.memberships.forUser(patti.aadObjectId))[0]).toMatchObject({ roles: ['member', 'coordinator'], networks: { 'din-fritid-netvaerk': 'coordinator' } });
  });
});
