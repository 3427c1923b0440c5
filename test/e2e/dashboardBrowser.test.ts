import { chromium, type Browser, type Page } from 'playwright-core';
import { catalogues } from '../../src/i18n';
import { users } from '../support/activities';
import { BotHarness } from '../support/botHarness';
import { COURSE_MONTHS, COURSES, seedDemoLogbook } from '../support/dashboardSeed';
import { allStatusRows } from '../support/statusCardRows';

const AXE = require.resolve('axe-core/axe.min.js');

/**
 * The leaders' view in Chromium, served by the bot's own server in development mode (no app id:
 * the page runs as the Playground's default user, Alex Wilber, a leader), on a logbook typed in
 * through the bot over HTTP.
 */
describe('the dashboard tab in a browser', () => {
  jest.setTimeout(180_000);
  const harness = new BotHarness('2025-06-16T10:00:00+02:00');
  let browser: Browser;

  beforeAll(async () => {
    await harness.start();
    await seedDemoLogbook(harness);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser?.close();
    await harness.stop();
  });

  async function open(query: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    // The Danish locale Teams would report (the page otherwise takes the browser's, en-US here).
    await page.goto(`${harness.server.url}/dashboard/${query}${query ? '&' : '?'}locale=da-DK`);
    await page.waitForSelector('body[data-ready=true]');
    if (process.env.DASHBOARD_SCREENSHOTS) await page.screenshot({ path: `${process.env.DASHBOARD_SCREENSHOTS}/${query.replace(/[^a-z0-9]+/gi, '_')}.png`, fullPage: true });
    return page;
  }

  /** Every target row on the page: holder, criterion and figure, as the tables show them. */
  async function pageRows(page: Page) {
    return page.$$eval('section.holder', (sections) =>
      sections.flatMap((s) => {
        const group = s.querySelector('h3')?.textContent ?? '';
        return [...s.querySelectorAll(':scope > table tbody tr')].map((tr) => ({ group, text: tr.querySelector('th')?.textContent ?? '', actual: tr.querySelectorAll('td')[0]?.textContent ?? '' }));
      }),
    );
  }

  it("draws an activity's cumulative chart with one point per month with logs, ending on the figure in its table", async () => {
    const page = await open(`?scope=activity:${COURSES}&period=2025`);
    const chart = await page.$eval(`canvas[data-target-key="${COURSES}/undervisningsgange"]`, (canvas) => {
      const g = globalThis as unknown as { Chart: { getChart(c: unknown): { data: { datasets: { data: { x: string; y: number }[] }[] } } } };
      return g.Chart.getChart(canvas).data.datasets.map((d) => d.data);
    });
    expect(chart[0]!.map((p) => p.x)).toEqual(COURSE_MONTHS);
    // Ten sessions in five months: the cumulative count reaches 10, the figure in the table.
    expect(chart[0]!.map((p) => p.y)).toEqual([2, 4, 6, 8, 10]);
    const row = (await pageRows(page)).find((r) => r.text.startsWith('50 undervisningsgange') || r.group === 'Kompetenceudvikling og kurser');
    expect(row?.actual).toBe('10');
    // The goal line runs through every month of the year.
    expect(chart[1]).toHaveLength(12);
    await page.close();
  });

  it.each([
    ['an activity', `activity:${COURSES}`, 'status Kompetenceudvikling og kurser 2025'],
    ['an activity with a season', 'activity:legepatrulje', 'status Legepatrulje 2025'],
    ['a focus area', 'focusArea:beskaeftigelse', 'status Beskæftigelse 2025'],
  ])('shows the same figures as the status card for %s', async (_name, scope, query) => {
    const page = await open(`?scope=${scope}&period=2025`);
    const onPage = await pageRows(page);
    const onCard = await allStatusRows(harness, users.alex, query);
    // The card's other groups (indicators, meetings against cadence) are other sections of the page.
    const cardTargets = onCard.filter((r) => r.group !== catalogues.da.status.indicators && r.group !== catalogues.da.status.cadencesTitle);
    expect(onPage.length).toBeGreaterThan(0);
    expect(onPage).toEqual(cardTargets);
    await page.close();
  });

  it.each(['default', 'dark', 'contrast'])('has no serious or critical accessibility violations in the %s theme (axe-core)', async (theme) => {
    for (const scope of ['plan', 'focusArea:beskaeftigelse', `activity:${COURSES}`]) {
      const page = await open(`?scope=${scope}&period=2025&theme=${theme}`);
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(async () => {
        const g = globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } };
        const result = await g.axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.nodes.length})`);
      });
      expect({ scope, violations }).toEqual({ scope, violations: [] });
      await page.close();
    }
  });

  it('is usable by keyboard: Tab reaches a focus area, Enter drills into it and focus moves to its heading', async () => {
    const page = await open('?period=2025');
    const first = page.locator('ul.cards button').first();
    const name = await first.textContent();
    for (let i = 0; i < 40 && !(await first.evaluate((b) => b === (b.ownerDocument as unknown as { activeElement: unknown }).activeElement)); i++) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForFunction((text) => (globalThis as unknown as { document: { getElementById(id: string): { textContent: string } } }).document.getElementById('heading').textContent.includes(text), (name ?? '').replace(/^Åbn /, ''));
    expect(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } } }).document.activeElement.id)).toBe('heading');
    expect(page.url()).toContain('scope=focusArea');
    await page.close();
  });

  it('shows a member without the coordinator or leader role only what the bot says to them, and no figures', async () => {
    const botSays = (await harness.say(users.megan, 'status'))[0]!.text as string;
    const page = await open(`?user=${users.megan.aadObjectId}&scope=activity:${COURSES}`);
    expect(await page.locator('#message').textContent()).toBe(botSays);
    expect(botSays).toContain('kræver rollen');
    expect(await page.locator('canvas, table').count()).toBe(0);
    const res = await fetch(`${harness.server.url}/api/dashboard?scope=plan`, { headers: { 'x-logbog-dev-user': users.megan.aadObjectId } });
    expect(res.status).toBe(403);
    expect(Object.keys((await res.json()) as object).sort()).toEqual(['error', 'kind']);
    await page.close();
  });
});
