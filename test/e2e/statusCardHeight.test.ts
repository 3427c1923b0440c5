import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { statusCard } from '../../src/cards/statusCard';
import type { CardJson } from '../../src/cards/renderCard';
import type { Plan } from '../../src/domain/plan/schema';
import { planStatus } from '../../src/domain/status/planStatus';
import { rollupsFromRecords } from '../../src/domain/status/rollups';
import { parseStatusQuery } from '../../src/domain/status/statusQuery';
import { catalogues } from '../../src/i18n';
import { busyLogbook } from '../support/busyLogbook';
import { loadPlanFile, planFiles } from '../fixtures/plans';

/**
 * The height budget: no status card taller than about two screens in a 540 px chat column.
 * A "screen" is taken as 800 px, the message pane of Teams on a 1080p laptop display.
 *
 * Every status card the four demo plans can produce (the plan, each focus area, activity and
 * network; an empty logbook and a busy one; quiet rows collapsed, and shown on request) is
 * rendered by Microsoft's Adaptive Cards renderer (adaptivecards 3.x) in headless Chromium at
 * 540 px. That renderer has no charts, so each card is measured twice: as it renders there (the
 * charts' text fallbacks), and with each chart replaced by a box of the height Teams draws it
 * (a donut about 220 px, a bar chart 60 px plus 36 px a bar): an estimate, not Teams itself.
 */
const SCREEN_PX = 800;
const BUDGET_PX = 2 * SCREEN_PX;
const COLUMN_PX = 540;

interface Sample {
  name: string;
  card: CardJson;
}

function samplesOf(plan: Plan, today: string, year: number): Sample[] {
  const m = catalogues.da;
  const scopes = ['', ...plan.focusAreas.map((f) => f.name), ...plan.activities.map((a) => a.name), ...plan.networks.map((n) => n.name)];
  const logbooks = { empty: [], busy: busyLogbook(plan, year) };
  const out: Sample[] = [];
  for (const [logbookName, records] of Object.entries(logbooks)) {
    const rollups = [...rollupsFromRecords(plan.id, records).values()];
    for (const scope of scopes) {
      const query = parseStatusQuery(`status ${scope} ${year}`.trim(), plan, today);
      if (query.kind !== 'status') continue;
      const status = planStatus({ plan, scope: query.scope, period: query.period, today, rollups });
      for (const showQuiet of [false, true]) {
        out.push({ name: `${plan.shortName} · ${scope || 'hele planen'} · ${logbookName}${showQuiet ? ' · vis dem' : ''}`, card: statusCard(m, { kind: 'status', plan, query, status }, { showQuiet }) });
      }
    }
  }
  return out;
}

/** Teams' charts as boxes of the height Teams gives them. */
function withChartBoxes(card: unknown): unknown {
  if (Array.isArray(card)) return card.map(withChartBoxes);
  if (!card || typeof card !== 'object') return card;
  const o = card as Record<string, unknown>;
  if (o.type === 'Chart.Donut') return { type: 'Container', minHeight: '220px', items: [] };
  if (o.type === 'Chart.HorizontalBar') return { type: 'Container', minHeight: `${60 + 36 * (o.data as unknown[]).length}px`, items: [] };
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withChartBoxes(v)]));
}

describe('the status card height budget', () => {
  jest.setTimeout(180_000);
  let browser: Browser;
  const samples = [
    ...samplesOf(loadPlanFile(planFiles.husumTingbjerg), '2025-11-30', 2025),
    ...samplesOf(loadPlanFile(planFiles.tryghedsplan), '2025-11-30', 2025),
    ...samplesOf(loadPlanFile(planFiles.nordvest), '2026-11-30', 2026),
    ...samplesOf(loadPlanFile(planFiles.husumNord), '2020-06-30', 2020),
  ];
  let heights: { name: string; fallback: number; charts: number }[] = [];

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    const page = await browser.newPage({ viewport: { width: COLUMN_PX + 40, height: 900 } });
    const dist = join(__dirname, '..', '..', 'node_modules', 'adaptivecards', 'dist');
    await page.setContent(`<html><head><style>${readFileSync(join(dist, 'adaptivecards.css'), 'utf8')} body{margin:0;font-family:"Segoe UI",sans-serif;font-size:14px} #host{width:${COLUMN_PX}px}</style></head><body><div id="host"></div></body></html>`);
    await page.addScriptTag({ path: join(dist, 'adaptivecards.min.js') });
    const cards = samples.map((s) => ({ fallback: s.card, charts: withChartBoxes(s.card) }));
    const measured = await page.evaluate((all) => {
      // In the page: the renderer's global, and the DOM (this project compiles without DOM types).
      interface Box {
        getBoundingClientRect(): { height: number };
      }
      const g = globalThis as unknown as {
        AdaptiveCards: { AdaptiveCard: new () => { parse(json: unknown): void; render(): Box | undefined } };
        document: { getElementById(id: string): { replaceChildren(el: Box): void } };
      };
      const host = g.document.getElementById('host');
      const height = (json: unknown) => {
        const card = new g.AdaptiveCards.AdaptiveCard();
        card.parse(json);
        const el = card.render()!;
        host.replaceChildren(el);
        return el.getBoundingClientRect().height;
      };
      return all.map((c) => ({ fallback: height(c.fallback), charts: height(c.charts) }));
    }, cards);
    heights = samples.map((s, i) => ({ name: s.name, ...measured[i]! }));
  });
  afterAll(async () => {
    await browser?.close();
  });

  it(`renders every status card of the demo plans no taller than ${BUDGET_PX} px in a ${COLUMN_PX} px column, with charts or their fallbacks`, () => {
    expect(heights.length).toBe(samples.length);
    // A card that rendered nothing would pass any budget.
    for (const h of heights) expect(h.fallback).toBeGreaterThan(100);
    const over = heights.filter((h) => h.fallback > BUDGET_PX || h.charts > BUDGET_PX).map((h) => `${h.name}: ${Math.round(h.fallback)} / ${Math.round(h.charts)} px`);
    expect(over).toEqual([]);
  });

  it('reports the tallest cards, for the README', () => {
    const tallest = [...heights].sort((a, b) => Math.max(b.fallback, b.charts) - Math.max(a.fallback, a.charts)).slice(0, 5);
    // Printed so a run shows how close to the budget the cards are.
    console.log(`${heights.length} status cards at ${COLUMN_PX} px; tallest (fallback / with charts):\n${tallest.map((h) => `  ${h.name}: ${Math.round(h.fallback)} / ${Math.round(h.charts)} px`).join('\n')}`);
    expect(tallest[0]!.fallback).toBeLessThanOrEqual(BUDGET_PX);
  });
});
