import { cadenceLine, goalText, targetLine } from '../cards/statusLines';
import type { TargetSeries } from '../domain/status/targetSeries';
import type { Messages } from '../i18n';
import type { YearlyReport } from '../usecases/yearlyReport';

export interface ReportTargetRow {
  key: string;
  /** The success criterion in the plan's own words. */
  criterion: string;
  actual: string;
  goal: string;
  judgement: string;
  detail: string;
  series?: TargetSeries;
}

export interface ReportHolder {
  name: string;
  figures: string;
  rows: ReportTargetRow[];
}

export interface ReportContent {
  title: string;
  intro: string;
  areas: { name: string; holders: ReportHolder[] }[];
  indicators: { name: string; value: string; period: string; baseline: string; judgement: string; source: string }[];
  milestones: { reached: string[]; moved: string[]; overdue: string[]; notReached: string[] };
  meetings: { text: string; detail: string; judgement: string }[];
}

/**
 * What the yearly report says, in the user's language, before any file format: each criterion
 * under its first focus area (as the status card counts it) and its activity or goal, with the
 * status card's own sentences (statusLines), then indicators, milestones and meetings.
 */
export function yearlyReportContent(m: Messages, r: YearlyReport): ReportContent {
  const s = m.status;
  const y = m.yearlyReport;
  const { plan, status } = r;
  const areaOf = (ids: string[]) => ids[0] ?? '';
  const areas = [...plan.focusAreas.map((fa) => ({ id: fa.id, name: fa.name })), { id: '', name: y.goals }].map((fa) => {
    const holders = new Map<string, ReportHolder>();
    for (const t of status.targets.filter((t) => areaOf(t.holder.focusAreaIds) === fa.id)) {
      const key = `${t.holder.kind}:${t.holder.id}`;
      if (!holders.has(key)) {
        const f = status.figures.find((x) => x.activity.id === t.holder.id);
        const figures = f && t.holder.kind === 'activity' ? s.figuresLine(m.formatNumber(f.sessions), f.average === undefined ? s.none : m.formatNumber(f.average)) : '';
        holders.set(key, { name: t.holder.kind === 'goal' ? s.goalHolder(t.holder.name) : t.holder.name, figures, rows: [] });
      }
      const line = targetLine(m, t);
      const series = r.series.get(t.key);
      holders.get(key)!.rows.push({ key: t.key, criterion: t.target.text, actual: line.actual, goal: goalText(m, t).replace(/^[^:]*: /, ''), judgement: line.marker, detail: line.detail, ...(series ? { series } : {}) });
    }
    return { name: fa.name, holders: [...holders.values()] };
  });
  const date = m.formatDate;
  return {
    title: y.title(r.year, plan.name),
    intro: y.intro(date(r.today)),
    areas: areas.filter((a) => a.holders.length),
    indicators: status.indicators.map((i) => ({
      name: i.indicator.name,
      value: i.latest ? m.formatNumber(i.latest.value) : s.noValue,
      period: i.latest?.period ?? '',
      baseline: i.indicator.baseline.value === null ? s.none : `${m.formatNumber(i.indicator.baseline.value)}${i.indicator.baseline.year ? ` (${i.indicator.baseline.year})` : ''}`,
      judgement: s.judgement[i.judgement],
      source: i.latest?.source ?? i.indicator.dataSource,
    })),
    milestones: {
      reached: r.reached.map((e) => `${e.text} (${y.reachedOn(date(e.doneOn ?? e.due))})`),
      moved: r.moved.map(({ entry, moves }) => `${entry.text}: ${moves.length ? moves.map((mv) => y.movedLine(date(mv.from), date(mv.to), mv.reason)).join('; ') : y.movedLine(date(entry.plannedDue), date(entry.due), '')}`),
      overdue: r.overdue.map((e) => `${e.text} (${y.dueOn(date(e.due))})`),
      notReached: r.notReached.map((e) => `${e.text} (${y.dueOn(date(e.due))})`),
    },
    meetings: status.cadences.map((c) => {
      const line = cadenceLine(m, c);
      return { text: line.text, detail: line.detail, judgement: line.marker };
    }),
  };
}
