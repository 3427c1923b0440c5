import { cadenceLine, goalText, targetLine } from '../../cards/statusLines';
import type { Judgement } from '../../domain/status/judge';
import { judgedLines, judgementMix, type StatusScope, type TargetStatus } from '../../domain/status/planStatus';
import type { TargetSeries } from '../../domain/status/targetSeries';
import type { Messages } from '../../i18n';
import type { Dashboard } from '../../usecases/dashboard';

const scopeId = (scope: StatusScope) => (scope.kind === 'plan' ? 'plan' : `${scope.kind}:${scope.id}`);

interface Link {
  label: string;
  scope: string;
}

function monthLabel(language: string, month: string): string {
  const date = new Date(`${month}-15T12:00:00Z`);
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'da-DK', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

function seriesView(m: Messages, t: TargetStatus, series: TargetSeries | undefined) {
  if (!series) return undefined;
  const unit = m.status.units[t.unit];
  return {
    label: m.dashboard.chartLabel(t.target.text),
    unit: unit.trim(),
    months: series.months.map((month) => ({ month, label: monthLabel(m.language, month) })),
    points: series.points.map((p) => ({ month: p.month, value: p.value, text: m.formatNumber(p.value) })),
    goal: series.goal.map((g) => ({ month: g.month, value: g.value, text: m.formatNumber(g.value) })),
  };
}

/**
 * The dashboard as JSON for the page: every sentence and figure already in the user's language,
 * made by the same line functions as the status card (statusLines), so the two read the same.
 * Aggregates only: no participant codes, no free text about a person.
 */
export function dashboardView(m: Messages, d: Dashboard) {
  const s = m.status;
  const x = m.dashboard;
  const { plan, status } = d;
  const scope = scopeId(d.scope);
  const scopeName = d.scope.kind === 'plan' ? x.wholePlan : (d.scopeName ?? '');
  const lines = judgedLines(status);
  const mix = (items: { judgement: Judgement }[]) => {
    const counts = judgementMix(items);
    return { counts, text: s.summary(counts) };
  };

  const breadcrumbs: Link[] = [{ label: x.wholePlan, scope: 'plan' }];
  if (d.scope.kind === 'focusArea') breadcrumbs.push({ label: scopeName, scope });
  if (d.scope.kind === 'activity') {
    const activity = plan.activities.find((a) => a.id === (d.scope as { id: string }).id);
    const area = plan.focusAreas.find((f) => f.id === activity?.focusAreas[0]);
    if (area) breadcrumbs.push({ label: area.name, scope: `focusArea:${area.id}` });
    breadcrumbs.push({ label: scopeName, scope });
  }
  if (d.scope.kind === 'network') breadcrumbs.push({ label: scopeName, scope });

  const focusAreas =
    d.scope.kind === 'plan'
      ? plan.focusAreas.map((fa) => ({ name: fa.name, scope: `focusArea:${fa.id}`, open: x.open(fa.name), mix: mix(lines.filter((l) => l.focusAreaId === fa.id)) }))
      : [];

  const seriesOf = new Map(d.series.map((se) => [se.key, se]));
  const holders = new Map<string, { kind: string; id: string; name: string; scope?: string; open?: string; figures?: string; targets: unknown[] }>();
  const holderOf = (kind: 'activity' | 'goal', id: string, name: string) => {
    const key = `${kind}:${id}`;
    if (!holders.has(key)) {
      const f = status.figures.find((fig) => fig.activity.id === id);
      const drill = kind === 'activity' && !(d.scope.kind === 'activity' && d.scope.id === id);
      holders.set(key, {
        kind,
        id,
        name: kind === 'goal' ? s.goalHolder(name) : name,
        ...(drill ? { scope: `activity:${id}`, open: x.open(name) } : {}),
        ...(f && kind === 'activity' ? { figures: x.figures(m.formatNumber(f.sessions), f.average === undefined ? s.none : m.formatNumber(f.average)) } : {}),
        targets: [],
      });
    }
    return holders.get(key)!;
  };
  if (d.scope.kind !== 'plan') {
    for (const f of status.figures) holderOf('activity', f.activity.id, f.activity.name);
    for (const t of status.targets) {
      const line = targetLine(m, t);
      holderOf(t.holder.kind, t.holder.id, t.holder.name).targets.push({
        key: t.key,
        text: line.text,
        actual: line.actual,
        goal: goalText(m, t).replace(/^[^:]*: /, ''),
        detail: line.detail,
        marker: line.marker,
        judgement: t.judgement,
        series: seriesView(m, t, seriesOf.get(t.key)),
      });
    }
  }

  const ms = status.milestones;
  return {
    language: m.language,
    labels: JSON.parse(JSON.stringify(x)) as Record<string, unknown>,
    judgementNames: s.judgement,
    plan: { id: plan.id, name: plan.name, shortName: plan.shortName },
    heading: x.heading(scopeName, d.periodLabel),
    subtitle: x.subtitle(plan.name, m.formatDate(status.today)),
    banner: status.ended ? s.ended(m.formatDate(plan.period.end)) : '',
    scope,
    period: { label: d.periodLabel, from: status.period.from, to: status.period.to },
    breadcrumbs,
    summary: lines.length ? mix(lines) : undefined,
    focusAreas,
    holders: [...holders.values()],
    funnel: {
      steps: ['referred', 'started', 'retained', 'completed'].map((step) => m.statusNames[step as keyof typeof m.statusNames]),
      offers: d.funnels.map((f) => ({ name: f.name, values: f.steps.map((st) => ({ value: st.value, text: m.formatNumber(st.value) })) })),
    },
    cadences: status.cadences.map((c) => {
      const line = cadenceLine(m, c);
      return { text: line.text, actual: line.actual, detail: line.detail, marker: line.marker, judgement: c.judgement };
    }),
    milestones: {
      summary: s.milestones(ms.done, ms.dueSoon.length, ms.overdue.length, ms.notReached.length),
      timeline: d.timeline.map((e) => ({ due: m.formatDate(e.due), text: e.text, mark: e.mark, markText: x.marks[e.mark], moved: e.moved ? x.movedFrom(m.formatDate(e.plannedDue)) : '' })),
    },
    indicators: status.indicators.map((i) => ({
      name: i.indicator.name,
      latest: i.latest ? `${m.formatNumber(i.latest.value)} (${i.latest.period})` : s.noValue,
      baseline: i.indicator.baseline.value === null ? s.none : `${m.formatNumber(i.indicator.baseline.value)}${i.indicator.baseline.year ? ` (${i.indicator.baseline.year})` : ''}`,
      direction: x.directions[i.indicator.direction],
      marker: s.judgement[i.judgement],
      judgement: i.judgement,
      source: i.latest?.source ?? i.indicator.dataSource,
    })),
    reports: d.reportYears
      .slice()
      .reverse()
      .map((year) => ({ year, docx: x.report(year), xlsx: x.reportXlsx(year) })),
  };
}

export type DashboardView = ReturnType<typeof dashboardView>;
