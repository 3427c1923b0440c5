import { describeAmount, type Judgement } from '../domain/status/judge';
import type { PlanStatus, TargetStatus } from '../domain/status/planStatus';
import type { Plan } from '../domain/plan/schema';
import type { Messages } from '../i18n';
import type { StatusResult } from '../usecases/getStatus';
import { renderCard, type CardJson } from './renderCard';
import { cardVerbs } from './verbs';

const colorOf: Record<Judgement, string> = { ahead: 'Good', onTrack: 'Good', behind: 'Attention', noData: 'Default' };
/** Targets in one card; a plan has up to ~50, and a card must stay under Teams' 28 KB. */
const MAX_ROWS = 24;

function counts(judgements: Judgement[]) {
  const n = (j: Judgement) => judgements.filter((x) => x === j).length;
  return [n('onTrack'), n('behind'), n('ahead'), n('noData')] as const;
}

/** "▰▰▰▰▱▱▱▱▱▱": how far the figure has come towards the whole period's target. */
function bar(actual: number | undefined, t: TargetStatus): string {
  const full = t.goal.min ?? t.goal.approx ?? t.goal.max;
  if (actual === undefined || !full || t.unit !== 'count') return '';
  const filled = Math.max(0, Math.min(10, Math.round((actual / full) * 10)));
  return `${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${Math.round((actual / full) * 100)} %`;
}

function row(m: Messages, t: TargetStatus) {
  const s = m.status;
  const goal = s.goalOf(describeAmount(t.goal, s.amountWords), s.units[t.unit]);
  const planned = t.planned !== undefined ? ` · ${s.plannedMeetings(t.planned)}` : '';
  const b = bar(t.actual, t);
  return {
    text: t.target.text,
    detail: `${goal}${planned}${b ? ` · ${b}` : ''}`,
    actual: t.actual === undefined ? s.none : m.formatNumber(t.actual),
    marker: s.judgement[t.judgement],
    color: colorOf[t.judgement],
  };
}

function scopeName(m: Messages, plan: Plan, status: PlanStatus, named?: string): string {
  return status.scope.kind === 'plan' ? `${plan.shortName}, ${m.status.plan}` : (named ?? status.scope.id);
}

export function statusCard(m: Messages, result: Extract<StatusResult, { kind: 'status' }>): CardJson {
  const s = m.status;
  const { plan, status, query } = result;
  const period = query.periodLabel;
  const [onTrack, behind, ahead, noData] = counts([...status.targets.map((t) => t.judgement), ...status.indicators.map((i) => i.judgement)]);
  const groups: Record<string, unknown>[] = [];
  let shown = 0;
  const noGroup = { facts: [], rows: [], drill: [], summary: '' };

  if (status.scope.kind === 'plan') {
    // The whole plan: a line per focus area, a button into each, and what is behind.
    for (const fa of plan.focusAreas) {
      const ids = new Set(plan.activities.filter((a) => a.focusAreas.includes(fa.id)).map((a) => a.id));
      const js = [...status.targets.filter((t) => ids.has(t.activity.id)).map((t) => t.judgement), ...status.indicators.filter((i) => i.focusAreaId === fa.id).map((i) => i.judgement)];
      groups.push({ ...noGroup, name: fa.name, summary: s.summary(...counts(js)), drill: [{ title: s.show(fa.name), verb: cardVerbs.showStatus, query: `status ${fa.name} ${period}` }] });
    }
    const behindRows = status.targets.filter((t) => t.judgement === 'behind').slice(0, 8);
    if (behindRows.length) groups.push({ ...noGroup, name: s.behindTitle, rows: behindRows.map((t) => row(m, t)) });
    shown = behindRows.length;
  } else {
    const byActivity = new Map<string, TargetStatus[]>();
    for (const t of status.targets) byActivity.set(t.activity.id, [...(byActivity.get(t.activity.id) ?? []), t]);
    for (const [, targets] of byActivity) {
      const activity = targets[0]!.activity;
      const room = MAX_ROWS - shown;
      if (room <= 0) break;
      const rows = targets.slice(0, room).map((t) => row(m, t));
      shown += rows.length;
      const drill = status.scope.kind === 'focusArea' ? [{ title: s.show(activity.name), verb: cardVerbs.showStatus, query: `status ${activity.name} ${period}` }] : [];
      const f = status.figures.find((x) => x.activity.id === activity.id);
      const facts = f
        ? [
            { title: s.sessions, value: m.formatNumber(f.sessions) },
            { title: s.average, value: f.average === undefined ? s.none : m.formatNumber(f.average) },
          ]
        : [];
      groups.push({ ...noGroup, name: activity.name, facts, rows, drill });
    }
    if (status.indicators.length) {
      groups.push({
        ...noGroup,
        name: s.indicators,
        rows: status.indicators.slice(0, 10).map((i) => ({
          text: i.indicator.name,
          detail: i.latest ? s.indicatorLine(m.formatNumber(i.latest.value), i.latest.period, i.indicator.baseline.value === null ? s.none : m.formatNumber(i.indicator.baseline.value)) : s.noValue,
          actual: i.latest ? m.formatNumber(i.latest.value) : s.none,
          marker: s.judgement[i.judgement],
          color: colorOf[i.judgement],
        })),
      });
    }
  }
  const total = status.scope.kind === 'plan' ? status.targets.filter((t) => t.judgement === 'behind').length : status.targets.length;
  const q = `status ${query.scopeName ?? ''} ${period}`.replace(/\s+/g, ' ').trim();
  return renderCard('status', {
    title: s.title(period, scopeName(m, plan, status, query.scopeName)),
    subtitle: s.subtitle(plan.name, m.formatDate(status.today)),
    summary: status.targets.length || status.indicators.length ? s.summary(onTrack, behind, ahead, noData) : '',
    empty: status.targets.length || status.indicators.length ? '' : s.noTargets,
    groups,
    more: total > shown && status.scope.kind !== 'plan' ? s.more(total - shown) : '',
    milestones: s.milestones(status.milestones.done, status.milestones.dueSoon.length, status.milestones.overdue.length),
    actions: [
      { title: s.exportCsv, verb: cardVerbs.exportStatus, query: q, format: 'csv' },
      { title: s.exportXlsx, verb: cardVerbs.exportStatus, query: q, format: 'xlsx' },
      { title: s.enterIndicator, verb: cardVerbs.showIndicatorForm, query: '', format: '' },
      { title: s.seeMilestones, verb: cardVerbs.showMilestones, query: '', format: '' },
    ],
  });
}
