import { judgedLines, judgementMix, type PlanStatus, type TargetStatus } from '../domain/status/planStatus';
import type { Plan } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { StatusResult } from '../usecases/getStatus';
import { renderCard, type CardJson } from './renderCard';
import { mixChart, progressChart, type BarChart } from './statusCharts';
import { cadenceLine, colorOf, targetLine, type StatusLine } from './statusLines';
import { cardVerbs } from './verbs';

/** Targets in one card; a plan has up to ~50, and a card must stay under Teams' 28 KB. */
const MAX_ROWS = 24;
/** Behind targets listed on the whole plan's card; the rest are counted, not hidden. */
const MAX_BEHIND = 8;

const row = (line: StatusLine) => ({ text: line.text, detail: line.detail, actual: line.actual, marker: line.marker, color: colorOf[line.judgement] });

function scopeName(m: Messages, plan: Plan, status: PlanStatus, named?: string): string {
  return status.scope.kind === 'plan' ? `${plan.shortName}, ${m.status.plan}` : (named ?? status.scope.id);
}

interface Group extends BarChart {
  name: string;
  summary: string;
  facts: { title: string; value: string }[];
  rows: ReturnType<typeof row>[];
  drill: { title: string; verb: string; query: string; show: string }[];
}
const group = (name: string, fields: Partial<Group> = {}): Group => ({ name, summary: '', facts: [], rows: [], drill: [], bars: [], barsText: '', ...fields });

/** Rows for targets, with a bar chart of their progress when there are bars enough to compare. */
function targetRows(m: Messages, targets: TargetStatus[]): Pick<Group, 'rows' | 'bars' | 'barsText'> {
  const chart = progressChart(targets);
  const charted = chart.bars.length > 0;
  return { ...chart, rows: targets.map((t) => row(targetLine(m, t, { charted }))) };
}

function planGroups(m: Messages, plan: Plan, status: PlanStatus, period: string): { groups: Group[]; hidden: number } {
  const s = m.status;
  const lines = judgedLines(status);
  // Each target counts in its first focus area only, so the areas add up to the header.
  const groups = plan.focusAreas.map((fa) =>
    group(fa.name, { summary: s.summary(judgementMix(lines.filter((l) => l.focusAreaId === fa.id))), drill: [{ title: s.show(fa.name), verb: cardVerbs.showStatus, query: `status ${fa.name} ${period}`, show: '' }] }),
  );
  if (status.cadences.length) groups.push(group(s.cadencesTitle, { summary: s.summary(judgementMix(status.cadences)), rows: status.cadences.filter((c) => c.judgement === 'behind').slice(0, 4).map((c) => row(cadenceLine(m, c))) }));
  const behind = status.targets.filter((t) => t.judgement === 'behind');
  if (behind.length) groups.push(group(s.behindTitle, targetRows(m, behind.slice(0, MAX_BEHIND))));
  return { groups, hidden: Math.max(0, behind.length - MAX_BEHIND) };
}

/** Targets with no figure yet, or not active in the period: one line with a button, unless asked for. */
const isQuiet = (t: TargetStatus) => t.judgement === 'noData' || t.judgement === 'inactive';

function scopedGroups(m: Messages, status: PlanStatus, period: string, query: string, showQuiet: boolean): { groups: Group[]; hidden: number } {
  const s = m.status;
  const groups: Group[] = [];
  const byHolder = new Map<string, TargetStatus[]>();
  const quiet = status.targets.filter(isQuiet);
  const listed = showQuiet ? status.targets : status.targets.filter((t) => !isQuiet(t));
  // An activity's own card always shows its sessions and average, even when no target has data yet.
  const scope = status.scope;
  if (scope.kind === 'activity') {
    const own = status.targets.find((t) => t.holder.kind === 'activity' && t.holder.id === scope.id);
    if (own) byHolder.set(`activity:${own.holder.id}`, []);
  }
  for (const t of listed) byHolder.set(`${t.holder.kind}:${t.holder.id}`, [...(byHolder.get(`${t.holder.kind}:${t.holder.id}`) ?? []), t]);
  let shown = 0;
  for (const [key, targets] of byHolder) {
    const holder = targets[0]?.holder ?? status.targets.find((t) => `${t.holder.kind}:${t.holder.id}` === key)!.holder;
    const room = MAX_ROWS - shown;
    if (room <= 0) break;
    const { rows, bars, barsText } = targetRows(m, targets.slice(0, room));
    shown += rows.length;
    const drill = status.scope.kind === 'focusArea' && holder.kind === 'activity' ? [{ title: s.show(holder.name), verb: cardVerbs.showStatus, query: `status ${holder.name} ${period}`, show: '' }] : [];
    const f = status.figures.find((x) => x.activity.id === holder.id);
    const facts = f
      ? [
          { title: s.sessions, value: m.formatNumber(f.sessions) },
          { title: s.average, value: f.average === undefined ? s.none : m.formatNumber(f.average) },
        ]
      : [];
    groups.push(group(holder.kind === 'goal' ? s.goalHolder(holder.name) : holder.name, { facts, rows, bars, barsText, drill }));
  }
  const quietIndicators = status.indicators.filter((i) => i.judgement === 'noData');
  const indicators = showQuiet ? status.indicators : status.indicators.filter((i) => i.judgement !== 'noData');
  if (indicators.length) {
    groups.push(
      group(s.indicators, {
        rows: indicators.slice(0, 10).map((i) => ({
          text: i.indicator.name,
          detail: i.latest ? s.indicatorLine(m.formatNumber(i.latest.value), i.latest.period, i.indicator.baseline.value === null ? s.none : m.formatNumber(i.indicator.baseline.value)) : s.noValue,
          actual: i.latest ? m.formatNumber(i.latest.value) : s.none,
          marker: s.judgement[i.judgement],
          color: colorOf[i.judgement],
        })),
      }),
    );
  }
  if (status.cadences.length) {
    // A network's own card lists its cadences; elsewhere only those that are not on track.
    const listed = status.scope.kind === 'network' ? status.cadences : status.cadences.filter((c) => c.judgement === 'behind' || c.judgement === 'noData');
    groups.push(group(s.cadencesTitle, { summary: s.summary(judgementMix(status.cadences)), rows: listed.slice(0, 5).map((c) => row(cadenceLine(m, c))) }));
  }
  if ((quiet.length || quietIndicators.length) && !showQuiet) {
    const mix = judgementMix([...quiet, ...quietIndicators]);
    groups.push(group(s.quietTitle(mix.noData, mix.inactive), { drill: [{ title: s.showQuiet, verb: cardVerbs.showStatus, query, show: 'all' }] }));
  }
  return { groups, hidden: Math.max(0, listed.length - shown) };
}

export function statusCard(m: Messages, result: Extract<StatusResult, { kind: 'status' }>, options: { showQuiet?: boolean } = {}): CardJson {
  const s = m.status;
  const { plan, status, query } = result;
  const period = query.periodLabel;
  const lines = judgedLines(status);
  const q = `status ${query.scopeName ?? ''} ${period}`.replace(/\s+/g, ' ').trim();
  const { groups, hidden } = status.scope.kind === 'plan' ? planGroups(m, plan, status, period) : scopedGroups(m, status, period, q, options.showQuiet ?? false);
  const ms = status.milestones;
  return renderCard('status', {
    title: s.title(period, scopeName(m, plan, status, query.scopeName)),
    subtitle: s.subtitle(plan.name, m.formatDate(status.today)),
    banner: status.ended ? s.ended(m.formatDate(plan.period.end)) : '',
    summary: lines.length ? s.summary(judgementMix(lines)) : '',
    ...(lines.length ? mixChart(m, judgementMix(lines)) : { mix: [], mixText: '' }),
    mixTitle: s.mixTitle,
    barsTitle: s.barsTitle,
    empty: lines.length ? '' : s.noTargets,
    groups,
    more: hidden ? s.more(hidden) : '',
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
