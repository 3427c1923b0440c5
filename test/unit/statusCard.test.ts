import { statusCard } from '../../src/cards/statusCard';
import type { AttendanceRecord } from '../../src/domain/attendance/attendance';
import type { OutcomeRecord } from '../../src/domain/records/outcome';
import { planStatus, type IndicatorReading } from '../../src/domain/status/planStatus';
import { rollupsFromRecords } from '../../src/domain/status/rollups';
import { parseStatusQuery } from '../../src/domain/status/statusQuery';
import { statusTable } from '../../src/export/statusTable';
import { catalogues } from '../../src/i18n';
import { textsOf } from '../support/botHarness';
import { parseCardWithMicrosoftParser } from '../support/adaptiveCards';
import { criteriaPlanFile, loadPlanFile } from '../fixtures/plans';

/**
 * What a leader reads for each kind of criterion: the status card's lines and the export's rows,
 * from the same sentences. The plan is test/fixtures/criteriaPlan.yaml.
 */
const plan = loadPlanFile(criteriaPlanFile);
const m = catalogues.da;
const by = { loggedBy: 'alex-wilber', loggedAt: '2025-01-01T10:00:00Z' };
const outcome = (outcomeId: string, date: string, count: number): OutcomeRecord => ({ id: `${outcomeId}-${date}`, planId: plan.id, type: 'outcome', activityId: 'beboerraadgivning', outcomeId, date, count, ...by });
const session = (activityId: string, date: string, headcount: number): AttendanceRecord => ({ id: `${activityId}-${date}`, planId: plan.id, type: 'attendance', activityId, date, headcount, ...by });
const records = [outcome('henvendelser', '2025-06-01', 120), outcome('henvendelser', '2026-03-01', 50), outcome('opsoegende-besoeg', '2026-02-01', 20), outcome('besoeg-i-tilbuddet', '2026-03-01', 6), session('din-fritid', '2026-02-01', 10), session('din-fritid', '2026-03-01', 10)];
const values: IndicatorReading[] = [{ indicatorId: 'utrygge-beboere', period: '2026', value: 8, comparison: 6.5, source: 'Tryghedsundersøgelsen 2026' }];

function card(text: string, today: string, showQuiet = false, page = 0) {
  const query = parseStatusQuery(text, plan, today);
  if (query.kind !== 'status') throw new Error(`not a status: ${text}`);
  const status = planStatus({ plan, scope: query.scope, period: query.period, today, rollups: [...rollupsFromRecords(plan.id, records).values()], indicatorValues: values });
  return { card: statusCard(m, { kind: 'status', plan, query, status }, { showQuiet, page }), status, query };
}

/** Every page of a card, as a reader clicking "Vis de næste" would see them. */
function pages(text: string, today: string, showQuiet = false) {
  const out = [card(text, today, showQuiet, 0).card];
  while (JSON.stringify(out.at(-1)).includes('"title":"Vis de næste')) out.push(card(text, today, showQuiet, out.length).card);
  return out;
}

describe('the status card and export for every kind of criterion', () => {
  const { status, query } = card('status tryghed og trivsel 2026', '2026-07-01', true);
  const focusPages = pages('status tryghed og trivsel 2026', '2026-07-01', true);
  const lines = focusPages.map((p) => textsOf(p).join('\n')).join('\n');

  it('explains each kind beside its figure: a change with its baseline, a funnel\'s parts, a gap, a range reached', () => {
    expect(lines).toContain('basis 2025: 120 · ændring -16,4 %');
    expect(lines).toContain('6 af 20');
    expect(lines).toContain('forskel 2026 · forskel ved basis: 2,6 procentpoint');
    expect(lines).toContain('inden for målet');
    expect(lines).toContain('gennemsnit pr. år 2026–2028');
    expect(lines).toContain('partnerens tal er ikke indtastet endnu');
  });

  it('shows people whole and says when the period\'s share is prorated', () => {
    // "70 opsøgende besøg om året" for 2026: the whole year's 70, not prorated.
    expect(lines).toContain('mål for perioden: mindst 70');
    const q1 = textsOf(card('status beboerrådgivning 1. kvartal 2026', '2026-07-01', true).card).join('\n');
    // 70 × 90/365 = 17,3, shown as "mindst 18" people.
    expect(q1).toContain('mål for perioden: mindst 18 (periodens forholdsmæssige andel)');
    expect(q1).not.toMatch(/mindst 17,3/);
  });

  it('lists the networks\' meetings against their cadences, and a goal\'s criteria under the goal', () => {
    expect(lines).toContain('Møder mod mødeplanen');
    expect(lines).toContain('Mål: Andelen af utrygge beboere falder til byens gennemsnit');
  });

  it('parses with Microsoft\'s parser and stays under 28 KB on every page', () => {
    expect(focusPages.length).toBeGreaterThan(1);
    for (const page of focusPages) {
      expect(parseCardWithMicrosoftParser(page).errors).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(page))).toBeLessThan(28 * 1024);
    }
  });

  it('exports a row for every criterion with its kind in Danish and the same explanation', () => {
    const rows = statusTable(m, plan, status, query.periodLabel);
    const kinds = new Set(rows.slice(1).map((r) => r[3]));
    for (const kind of ['ændring mod basisår', 'gennemsnit over år', 'forskel til sammenligningsgruppe', 'andel der kommer videre', 'vurdering eller spørgeskema', 'resultater og kontakter', 'møder mod mødeplan']) expect(kinds).toContain(kind);
    const change = rows.find((r) => r[2] === '20 % færre henvendelser end i 2025')!;
    expect(change.slice(5)).toEqual(['højst 96', '50', 'bagud', 'mål for perioden: højst 96 · basis 2025: 120 · ændring -16,4 %']);
  });
});

/** Every element of a type anywhere in a card. */
function elementsOf(node: unknown, type: string, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => elementsOf(n, type, found));
  else if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (o.type === type) found.push(o);
    Object.values(o).forEach((v) => elementsOf(v, type, found));
  }
  return found;
}

describe('charts on the status card, for Teams, with a text bar elsewhere', () => {
  it("shows the whole plan's judgement mix as a donut whose parts add up to the header's counts", () => {
    const { card: c } = card('status 2026', '2026-07-01');
    const header = textsOf(c)[2]!;
    const counts = Object.fromEntries([...header.matchAll(/(\d+) (på sporet|bagud|foran|uden data|ikke aktive)/g)].map((x) => [x[2], Number(x[1])]));
    const [donut] = elementsOf(c, 'Chart.Donut');
    const parts = Object.fromEntries((donut!.data as { legend: string; value: number }[]).map((d) => [d.legend, d.value]));
    expect(Object.fromEntries(Object.entries(counts).filter(([, n]) => Number(n) > 0))).toEqual(parts);
    expect((donut!.fallback as { text: string }).text).toMatch(/^[▰▱]{10} \d+ % på sporet eller foran: \d+ af \d+ mål med data$/);
  });

  it('draws the counted targets of a page against the period\'s goal as one bar chart, each bar the same figure as its text bar', () => {
    const { card: c, status } = card('status beboerrådgivning 2026', '2026-07-01');
    expect(elementsOf(c, 'Chart.Donut')).toEqual([]);
    const [chart, ...others] = elementsOf(c, 'Chart.HorizontalBar');
    expect(others).toEqual([]);
    const data = chart!.data as { x: string; y: number }[];
    expect(data.length).toBeGreaterThanOrEqual(2);
    const fallback = (chart!.fallback as { text: string }).text.split('\n\n');
    expect(fallback.map((l) => Math.min(200, Number(/(\d+) %/.exec(l)![1])))).toEqual(data.map((d) => d.y));
    for (const d of data) {
      const target = status.targets.find((t) => t.target.text.startsWith(d.x.replace(/ ….*$/, '').replace(/ \(\d+ %\)$/, '')))!;
      expect(target.goal.max).toBeUndefined();
      expect(d.y).toBe(Math.round(Math.min(2, target.actual! / (target.goal.min ?? target.goal.approx!)) * 100));
    }
    // A charted target's line no longer repeats the bar.
    expect(textsOf(elementsOf(c, 'ColumnSet')).join('\n')).not.toMatch(/[▰▱]/);
  });

  it('draws no bar for a range ("1–2 gange om året"): that is judged in words, and a bar is never drawn past twice the goal', () => {
    for (const c of pages('status 2026', '2026-07-01')) {
      for (const chart of elementsOf(c, 'Chart.HorizontalBar')) for (const d of chart.data as { y: number }[]) expect(d.y).toBeLessThanOrEqual(200);
    }
    expect(lines(pages('status tryghed og trivsel 2026', '2026-07-01', true))).toContain('inden for målet');
  });

  it('parses with Microsoft\'s parser: charts are advice there, and their fallbacks are valid', () => {
    for (const text of ['status 2026', 'status beboerrådgivning 2026']) {
      const parsed = parseCardWithMicrosoftParser(card(text, '2026-07-01').card);
      expect(parsed.errors).toEqual([]);
      expect(parsed.warnings.some((w) => w.includes('Chart.'))).toBe(true);
    }
  });
});

describe('a long status card, a page at a time', () => {
  it('shows six lines a page with buttons forward and back, and every line exactly once across the pages', () => {
    const all = pages('status tryghed og trivsel 2026', '2026-07-01', true);
    expect(all.length).toBeGreaterThan(1);
    const rows = all.flatMap((p) => elementsOf(p, 'ColumnSet').map((r) => textsOf(r)[0]));
    expect(rows.length).toBe(new Set(rows).size);
    const { status } = card('status tryghed og trivsel 2026', '2026-07-01', true);
    for (const t of status.targets) expect(rows).toContain(t.target.text);
    for (const [i, p] of all.entries()) {
      expect(elementsOf(p, 'ColumnSet').length).toBeLessThanOrEqual(6);
      const titles = JSON.stringify(p);
      expect(titles.includes('"title":"Vis de forrige"')).toBe(i > 0);
      expect(textsOf(p)).toContain(`Linje ${i * 6 + 1}–${Math.min((i + 1) * 6, rows.length)} af ${rows.length}.`);
    }
  });
});

const lines = (cards: unknown[]) => cards.map((c) => textsOf(c).join('\n')).join('\n');

describe('a plan that has ended', () => {
  const { card: ended, query } = card('status', '2029-03-01');
  const lines = textsOf(ended).join('\n');

  it('defaults to the plan\'s last year, says the plan has ended and offers the whole period', () => {
    expect(query.periodLabel).toBe('2028');
    expect(lines).toContain('Planen sluttede 31.8.2028.');
    expect(JSON.stringify(ended)).toContain('"title":"Hele planperioden"');
  });

  it('counts milestones not done by the end as not reached, not overdue', () => {
    // Of the plan's last year: the 2028 audit.
    expect(lines).toMatch(/Milepæle: 0 nået · 1 ikke nået inden planens slutning/);
    const whole = textsOf(card('status hele planperioden', '2029-03-01').card).join('\n');
    expect(whole).toMatch(/Milepæle: 0 nået · 6 ikke nået inden planens slutning/);
  });
});

describe('Danish that reads right', () => {
  it('"1 forsinket", "2 forsinkede"', () => {
    expect(m.status.milestones(0, 0, 1, 0)).toBe('Milepæle: 0 færdige · 0 forfalder inden 30 dage · 1 forsinket');
    expect(m.status.milestones(1, 0, 2, 0)).toBe('Milepæle: 1 færdig · 0 forfalder inden 30 dage · 2 forsinkede');
  });
});
