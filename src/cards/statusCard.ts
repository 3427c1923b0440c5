import { judgedLines, judgementMix, type PlanStatus, type TargetStatus } from '../domain/status/planStatus';
import type { Plan } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { StatusResult } from '../usecases/getStatus';
import { renderCard, type CardJson } from './renderCard';
import { mixChart, progressChart, type BarChart } from './statusCharts';
import { cadenceLine, colorOf, targetLine, type StatusLine } from './statusLines';
import { cardVerbs } from './verbs';

/**
 * Lines on one page of a status card. A card must stay under Teams' 28 KB and about two screens
 * tall in a 540 px column (test/e2e/statusCardHeight.test.ts); more lines are a button away.
 */
export const STATUS_PAGE_ROWS = 6;
/** Behind targets listed on the whole plan's card; the rest are counted, not hidden. */
const MAX_BEHIND = 8;
const MAX_CADENCES_BEHIND = 4;

type Row = ReturnType<typeof row>;
const row = (line: StatusLine) => ({ text: line.text, detail: line.detail, actual: line.actual, marker: line.marker, color: colorOf[line.judgement] });

function scopeName(m: Messages, plan: Plan, status: PlanStatus, named?: string): string {
  return status.scope.kind === 'plan' ? `${plan.shortName}, ${m.status.plan}` : (named ?? status.scope.id);
}

interface Drill {
  title: string;
  verb: string;
  query: string;
  show: string;
  page: string;
}

interface Group {
  name: string;
  summary: string;
  facts: { title: string; value: string }[];
  rows: Row[];
  drill: Drill[];
}
const group = (name: string, fields: Partial<Group> = {}): Group => ({ name, summary: '', facts: [], rows: [], drill: [], ...fields });
const drill = (title: string, query: string, show = '', page = 0): Drill => ({ title, verb: cardVerbs.showStatus, query, show, page: page ? String(page) : '' });

interface CardBody {
  groups: Group[];
  /** One bar chart a card: the counted targets of the page against the period's goal. */
  chart: BarChart;
  /** Sentences under the lists: what is not shown, or which lines of how many. */
  more: string[];
  pager: Drill[];
}

/** Rows for targets; their progress is drawn in the card's chart when there is one. */
function chartedRows(m: Messages, targets: TargetStatus[]): { rows: Row[]; chart: BarChart } {
  const chart = progressChart(targets);
  const charted = chart.bars.length > 0;
  return { chart, rows: targets.map((t) => row(targetLine(m, t, { charted }))) };
}

function planBody(m: Messages, plan: Plan, status: PlanStatus, period: string): CardBody {
  const s = m.status;
  const lines = judgedLines(status);
  // Each target counts in its first focus area only, so the areas add up to the header.
  const groups = plan.focusAreas.map((fa) => group(fa.name, { summary: s.summary(judgementMix(lines.filter((l) => l.focusAreaId === fa.id))), drill: [drill(s.show(fa.name), `status ${fa.name} ${period}`)] }));
  const cadencesBehind = status.cadences.filter((c) => c.judgement === 'behind');
  if (status.cadences.length) groups.push(group(s.cadencesTitle, { summary: s.summary(judgementMix(status.cadences)), rows: cadencesBehind.slice(0, MAX_CADENCES_BEHIND).map((c) => row(cadenceLine(m, c))) }));
  const behind = status.targets.filter((t) => t.judgement === 'behind');
  const { rows, chart } = chartedRows(m, behind.slice(0, MAX_BEHIND));
  if (behind.length) groups.push(group(s.behindTitle, { rows }));
  const hidden = Math.max(0, behind.length - MAX_BEHIND);
  // Every line the header counts as behind is listed or counted here.
  const cadencesHidden = Math.max(0, cadencesBehind.length - MAX_CADENCES_BEHIND);
  return { groups, chart, more: [...(cadencesHidden ? [s.moreCadences(cadencesHidden)] : []), ...(hidden ? [s.more(hidden)] : [])], pager: [] };
}

/** Targets with no figure yet, or not active in the period: one line with a button, unless asked for. */
const isQuiet = (t: TargetStatus) => t.judgement === 'noData' || t.judgement === 'inactive';

/** One line of a scoped card, with the group it belongs under. */
interface Line {
  groupKey: string;
  group: () => Group;
  target?: TargetStatus;
  row?: Row;
}

function scopedLines(m: Messages, status: PlanStatus, period: string, showQuiet: boolean): Line[] {
  const s = m.status;
  const lines: Line[] = [];
  const listed = showQuiet ? status.targets : status.targets.filter((t) => !isQuiet(t));
  const holders = new Map<string, TargetStatus['holder']>();
  // An activity's own card always shows its sessions and average, even when no target has data yet.
  const scope = status.scope;
  const own = scope.kind === 'activity' ? status.targets.find((t) => t.holder.kind === 'activity' && t.holder.id === scope.id) : undefined;
  if (own) holders.set(`activity:${own.holder.id}`, own.holder);
  for (const t of listed) holders.set(`${t.holder.kind}:${t.holder.id}`, t.holder);
  for (const [key, holder] of holders) {
    const f = status.figures.find((x) => x.activity.id === holder.id);
    const average = f?.average === undefined ? s.none : m.formatNumber(f.average);
    // The activity's own card lists its figures; elsewhere they are one line under its name.
    const own = scope.kind === 'activity' && holder.id === scope.id;
    const facts = f && own ? [{ title: s.sessions, value: m.formatNumber(f.sessions) }, { title: s.average, value: average }] : [];
    const summary = f && !own ? s.figuresLine(m.formatNumber(f.sessions), average) : '';
    const drills = status.scope.kind === 'focusArea' && holder.kind === 'activity' ? [drill(s.show(holder.name), `status ${holder.name} ${period}`)] : [];
    const makeGroup = () => group(holder.kind === 'goal' ? s.goalHolder(holder.name) : holder.name, { facts, summary, drill: drills });
    const targets = listed.filter((t) => `${t.holder.kind}:${t.holder.id}` === key);
    if (!targets.length) lines.push({ groupKey: key, group: makeGroup });
    for (const target of targets) lines.push({ groupKey: key, group: makeGroup, target });
  }
  const indicators = showQuiet ? status.indicators : status.indicators.filter((i) => i.judgement !== 'noData');
  for (const i of indicators) {
    lines.push({
      groupKey: 'indicators',
      group: () => group(s.indicators),
      row: {
        text: i.indicator.name,
        detail: i.latest ? s.indicatorLine(m.formatNumber(i.latest.value), i.latest.period, i.indicator.baseline.value === null ? s.none : m.formatNumber(i.indicator.baseline.value)) : s.noValue,
        actual: i.latest ? m.formatNumber(i.latest.value) : s.none,
        marker: s.judgement[i.judgement],
        color: colorOf[i.judgement],
      },
    });
  }
  if (status.cadences.length) {
    // A network's own card lists its cadences; elsewhere only those that are not on track.
    const cadences = status.scope.kind === 'network' || showQuiet ? status.cadences : status.cadences.filter((c) => c.judgement === 'behind' || c.judgement === 'noData');
    const makeGroup = () => group(s.cadencesTitle, { summary: s.summary(judgementMix(status.cadences)) });
    if (!cadences.length) lines.push({ groupKey: 'cadences', group: makeGroup });
    for (const c of cadences) lines.push({ groupKey: 'cadences', group: makeGroup, row: row(cadenceLine(m, c)) });
  }
  return lines;
}

function scopedBody(m: Messages, status: PlanStatus, period: string, query: string, showQuiet: boolean, page: number): CardBody {
  const s = m.status;
  const lines = scopedLines(m, status, period, showQuiet);
  const counted = lines.filter((l) => l.target || l.row);
  const pages = Math.max(1, Math.ceil(counted.length / STATUS_PAGE_ROWS));
  const current = Math.min(Math.max(0, page), pages - 1);
  const from = current * STATUS_PAGE_ROWS;
  const onPage = new Set(counted.slice(from, from + STATUS_PAGE_ROWS));
  // A group without lines of its own (an activity's figures, the cadence summary) shows on the first page.
  const shown = lines.filter((l) => onPage.has(l) || (!l.target && !l.row && current === 0));
  const targets = shown.flatMap((l) => (l.target ? [l.target] : []));
  const { chart, rows } = chartedRows(m, targets);
  const rowOf = new Map(targets.map((t, i) => [t, rows[i]!]));
  const groups: Group[] = [];
  let last: { key: string; group: Group } | undefined;
  for (const l of shown) {
    if (last?.key !== l.groupKey) {
      last = { key: l.groupKey, group: l.group() };
      groups.push(last.group);
    }
    const r = l.target ? rowOf.get(l.target) : l.row;
    if (r) last.group.rows.push(r);
  }
  const quiet = [...status.targets.filter(isQuiet), ...status.indicators.filter((i) => i.judgement === 'noData')];
  if (quiet.length && !showQuiet) {
    const mix = judgementMix(quiet);
    groups.push(group(s.quietTitle(mix.noData, mix.inactive), { drill: [drill(s.showQuiet, query, 'all')] }));
  }
  const show = showQuiet ? 'all' : '';
  const pager = [
    ...(current > 0 ? [drill(s.previousPage, query, show, current - 1)] : []),
    ...(current < pages - 1 ? [drill(s.nextPage(Math.min(STATUS_PAGE_ROWS, counted.length - from - STATUS_PAGE_ROWS)), query, show, current + 1)] : []),
  ];
  return { groups, chart, more: pages > 1 ? [s.pageOf(from + 1, from + onPage.size, counted.length)] : [], pager };
}

export interface StatusCardOptions {
  /** Also the targets without data yet, or not active in the period ("Vis dem"). */
  showQuiet?: boolean;
  /** Which page of a scoped card's lines (0 = the first). */
  page?: number;
}

export function statusCard(m: Messages, result: Extract<StatusResult, { kind: 'status' }>, options: StatusCardOptions = {}): CardJson {
  const s = m.status;
  const { plan, status, query } = result;
  const period = query.periodLabel;
  const lines = judgedLines(status);
  const q = `status ${query.scopeName ?? ''} ${period}`.replace(/\s+/g, ' ').trim();
  const isPlan = status.scope.kind === 'plan';
  const body = isPlan ? planBody(m, plan, status, period) : scopedBody(m, status, period, q, options.showQuiet ?? false, options.page ?? 0);
  const ms = status.milestones;
  return renderCard('status', {
    title: s.title(period, scopeName(m, plan, status, query.scopeName)),
    subtitle: s.subtitle(plan.name, m.formatDate(status.today)),
    banner: status.ended ? s.ended(m.formatDate(plan.period.end)) : '',
    summary: lines.length ? s.summary(judgementMix(lines)) : '',
    // The judgement mix as a donut on the whole plan's card; a scoped card has its bars instead.
    ...(lines.length && isPlan ? mixChart(m, judgementMix(lines)) : { mix: [], mixText: '' }),
    mixTitle: s.mixTitle,
    ...body.chart,
    barsTitle: isPlan ? s.behindBarsTitle : s.barsTitle,
    empty: lines.length ? '' : s.noTargets,
    groups: body.groups,
    more: body.more,
    pager: body.pager,
    milestones: s.milestones(ms.done, ms.dueSoon.length, ms.overdue.length, ms.notReached.length),
    actions: [
      ...(status.ended && !query.wholePlan ? [{ title: s.wholePlan, verb: cardVerbs.showStatus, query: `status ${query.scopeName ?? ''} hele planperioden`.replace(/\s+/g, ' '), format: '' }] : []),
      { title: s.exportCsv, verb: cardVerbs.exportStatus, query: q, format: 'csv' },
      { title: s.exportXlsx, verb: cardVerbs.exportStatus, query: q, format: 'xlsx' },
      { title: s.enterIndicator, verb: cardVerbs.showIndicatorForm, query: '', format: '' },
      { title: s.seeMilestones, verb: cardVerbs.showMilestones, query: '', format: '' },
    ],
  });
}
