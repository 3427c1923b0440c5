import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { startPlayground, type RunningPlayground } from '../../src/main/playground';
import { BotHarness } from '../support/botHarness';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The walking skeleton clicked through in Microsoft's Agents Playground, rendered by headless
 * Chromium: the real card renderer, the real Action.Execute round trip, the real database.
 */
describe('the attendance flow in the Agents Playground', () => {
  jest.setTimeout(120_000);
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  let playground: RunningPlayground;
  let browser: Browser;

  beforeAll(async () => {
    await harness.start();
    // As npm start does: the Playground reports en-US, its demo user works in Danish.
    await harness.repos.preferences.save('00000000-0000-0000-0000-0000000000020', { language: 'da' });
    playground = await startPlayground(`${harness.server.url}/api/messages`, await freePort(), join(__dirname, '..', '..'));
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

  it('logs attendance for Legepatrulje from the help card and shows it in status', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await page.goto(playground.url, { waitUntil: 'networkidle' });
    const compose = page.locator('[contenteditable=true][role=textbox]');
    const cards = page.locator('.ac-adaptiveCard');
    // Each step is pinned to the card it produced: the welcome card sent on install may arrive
    // at any moment and would move "the last card".
    const sendAndTakeNewCard = async (text: string) => {
      const before = await cards.count();
      await compose.click();
      await compose.fill(text);
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.querySelectorAll('.ac-adaptiveCard').length > ${before}`);
      return cards.nth(before);
    };

    const card = await sendAndTakeNewCard('hjælp');
    await card.getByText('Logbog: det kan jeg').waitFor();
    await card.getByRole('button', { name: 'Log fremmøde' }).click();

    await card.getByText('Antal deltagere').waitFor();
    await card.getByRole('combobox', { name: 'Aktivitet' }).click();
    await page.getByRole('option', { name: 'Legepatrulje' }).click();
    await card.getByLabel('Antal deltagere').fill('17');
    await card.getByRole('button', { name: 'Gem' }).click();
    await card.getByText('Fremmøde gemt').waitFor();
    await expect(card.innerText()).resolves.toMatch(/Legepatrulje[\s\S]*16\.6\.2025[\s\S]*17/);

    const stored = await harness.repos.records.listInRange('husum-tingbjerg-2024-2028', 'attendance', { from: '2025-06-16', to: '2025-06-16' });
    expect(stored).toEqual([expect.objectContaining({ activityId: 'legepatrulje', headcount: 17, loggedBy: 'alex-wilber' })]);

    const status = await sendAndTakeNewCard('status legepatrulje');
    await status.getByText('Status 2025: Legepatrulje').waitFor();
    await expect(status.innerText()).resolves.toMatch(/Legepatrulje\s+Gange logget\s+1\s+Gns\. fremmøde\s+17/);
  });
});
