import { addDays, addMonths, intersect, type DateRange, type IsoDate } from '../calendar';
import { milestoneOccurrences } from '../plan/milestones';
import { ageBandsOf } from '../records/ageBands';
import { planTargets, type PlanTarget } from '../plan/planTargets';
import type { Activity, Indicator, Network, Plan } from '../plan/schema';
import { effectiveDueDate } from '../reminders/dueReminders';
import type { MilestoneState } from '../reminders/scheduleState';
import { indicatorJudgement } from './indicatorStatus';
import { judgements, type Judgement } from './judge';
import { latestReadingUpTo, type IndicatorReading } from './measures';
import { cadenceStatuses, type CadenceStatus } from './networkStatus';
import type { KeptFiguresRead } from './keptFigures';
import { RollupIndex, type CodeSeries, type LoadedDetail, type MissingDetail } from './rollupIndex';
import type { Rollup } from './rollups';
import { targetStatus, type ReportedFigure, type TargetStatus } from './targetStatus';

export type { IndicatorReading } from './measures';
export type { CadenceStatus } from './networkStatus';
export type { ReportedFigure, TargetStatus, Unit } from './targetStatus';
export { indicatorJudgement } from './indicatorStatus';

/**
 * Status of a plan, a focus area, an activity or a network over a period, computed from the
 * rollups alone (never the records), for every kind of criterion the plans use. Pure.
 */
export type StatusScope = { kind: 'plan' } | { kind: 'focusArea'; id: string } | { kind: 'activity'; id: string } | { kind: 'network'; id: string };

export interface IndicatorStatus {
  focusAreaId: string;
  indicator: Indicator;
  latest?: IndicatorReading;
  judgement: Judgement;
}

export interface MilestoneLine {
  id: string;
  text: string;
  due: IsoDate;
  owner?: string;
}

export interface MilestoneSummary {
  done: number;
  dueSoon: MilestoneLine[];
  overdue: MilestoneLine[];
  /** Once the plan has ended: what was due by its end and never done. Not "forsinket" forever. */
  notReached: MilestoneLine[];
}

export interface ActivityFigures {
  activity: Activity;
  sessions: number;
  average: number | undefined;
  /** Participants by the plan's own age bands, where sessions were split by age. */
  byAgeBand: { band: string; participants: number }[];
}

export interface PlanStatus {
  scope: StatusScope;
  /** Sessions and average attendance so far in the period, per activity in scope. */
  figures: ActivityFigures[];
  period: DateRange;
  today: IsoDate;
  /** The plan's period is over. */
  ended: boolean;
  targets: TargetStatus[];
  indicators: IndicatorStatus[];
  /** Every network's meetings against its cadence. */
  cadences: CadenceStatus[];
  milestones: MilestoneSummary;
}

export interface PlanStatusInputs {
  plan: Plan;
  scope: StatusScope;
  period: DateRange;
  today: IsoDate;
  /** Rollups for the months rollupMonthsNeeded names. */
  rollups: Rollup[];
  indicatorValues?: IndicatorReading[];
  reportedFigures?: ReportedFigure[];
  milestoneStates?: MilestoneState[];
  /** The detail read besides the yearly summaries; absent when everything was read. */
  detail?: LoadedDetail;
  /** The participant codes, when `rollups` were built without them (summary.ts, codeSeriesFromSummary). */
  codeSeries?: CodeSeries;
  /** What the yearly summaries read keep of the detail (keptFigures.ts). */
  kept?: KeptFiguresRead;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function focusAreasIn(plan: Plan, scope: StatusScope): Set<string> {
  if (scope.kind === 'plan') return new Set(plan.focusAreas.map((f) => f.id));
  if (scope.kind === 'focusArea') return new Set([scope.id]);
  return new Set();
}

function activitiesIn(plan: Plan, scope: StatusScope): Activity[] {
  switch (scope.kind) {
    case 'plan':
      return plan.activities;
    case 'focusArea':
      return plan.activities.filter((a) => a.focusAreas.includes(scope.id));
    case 'activity':
      return plan.activities.filter((a) => a.id === scope.id);
    case 'network': {
      const network = plan.networks.find((n) => n.id === scope.id);
      return plan.activities.filter((a) => a.id === network?.activity);
    }
  }
}

/** The networks a scope answers for: its activities' own, and those its criteria name (a forum that assesses). */
function networksIn(plan: Plan, scope: StatusScope, activities: Activity[], targets: PlanTarget[]): Network[] {
  if (scope.kind === 'plan') return plan.networks;
  if (scope.kind === 'network') return plan.networks.filter((n) => n.id === scope.id);
  const ids = new Set(activities.map((a) => a.id));
  const named = new Set(
    targets.flatMap(({ target: t }) => [
      ...(t.kind === 'meetingsHeld' ? [t.network] : []),
      ...(t.kind === 'assessment' && t.by ? [t.by] : []),
      ...('measure' in t && t.measure.of === 'meetings' ? [t.measure.network] : []),
    ]),
  );
  return plan.networks.filter((n) => (n.activity !== undefined && ids.has(n.activity)) || named.has(n.id));
}

/** The targets a scope shows: its activities' targets, its goals', and those naming its network. */
function targetsIn(plan: Plan, scope: StatusScope, activities: Activity[]): PlanTarget[] {
  const activityIds = new Set(activities.map((a) => a.id));
  const areas = focusAreasIn(plan, scope);
  return planTargets(plan).filter(({ target, holder }) => {
    if (holder.kind === 'activity' && activityIds.has(holder.id)) return true;
    if (holder.kind === 'goal' && holder.focusAreaIds.some((f) => areas.has(f))) return true;
    if (scope.kind !== 'network') return false;
    return (target.kind === 'meetingsHeld' && target.network === scope.id) || (target.kind === 'assessment' && target.by === scope.id) || ('measure' in target && target.measure.of === 'meetings' && target.measure.network === scope.id);
  });
}

/**
 * The milestones of a period: those due in it, and, while the period runs, any still open from
 * before it. Milestones dated before the plan began are its history, not judged.
 */
export function milestoneSummary(plan: Plan, scope: StatusScope, activities: Activity[], today: IsoDate, states: MilestoneState[], window: DateRange): MilestoneSummary {
  const activityIds = new Set(activities.map((a) => a.id));
  const ended = today > plan.period.end;
  const running = window.from <= today && today <= window.to;
  const summary: MilestoneSummary = { done: 0, dueSoon: [], overdue: [], notReached: [] };
  for (const m of milestoneOccurrences(plan)) {
    if (scope.kind !== 'plan' && !(m.activity !== undefined && activityIds.has(m.activity))) continue;
    if (m.due < plan.period.start) continue;
    const state = states.find((s) => s.milestoneId === m.id);
    const due = effectiveDueDate(m, state);
    const inWindow = due >= window.from && due <= window.to;
    if (!inWindow && !(running && due < window.from && !state?.done)) continue;
    if (state?.done) {
      summary.done++;
      continue;
    }
    const line = { id: m.id, text: m.text, due, ...(m.owner ? { owner: m.owner } : {}) };
    if (ended) summary.notReached.push(line);
    else if (due < today) summary.overdue.push(line);
    else if (due <= addDays(today, 30)) summary.dueSoon.push(line);
  }
  const byDue = (a: MilestoneLine, b: MilestoneLine) => a.due.localeCompare(b.due);
  summary.overdue.sort(byDue);
  summary.dueSoon.sort(byDue);
  summary.notReached.sort(byDue);
  return summary;
}

export function planStatus(inputs: PlanStatusInputs): PlanStatus {
  return planStatusAndNeeds(inputs).status;
}

/**
 * The status, and the detail (day-level counters of a month, a year's participant codes) it
 * wanted and was not given: when any is missing, the caller reads it and computes again.
 */
export function planStatusAndNeeds({ plan, scope, period, today, rollups, indicatorValues = [], reportedFigures = [], milestoneStates = [], detail, codeSeries, kept }: PlanStatusInputs): { status: PlanStatus; missing: MissingDetail } {
  const window = intersect(period, { from: plan.period.start, to: plan.period.end }) ?? period;
  const idx = new RollupIndex(rollups, detail, codeSeries, kept);
  const ctx = { plan, idx, today, indicatorValues, reported: reportedFigures };
  const activities = activitiesIn(plan, scope);
  const inScope = targetsIn(plan, scope, activities);
  const targets = inScope.map((pt) => targetStatus(ctx, pt, window));

  const areas = focusAreasIn(plan, scope);
  const untilYear = Number(window.to.slice(0, 4));
  const indicators = plan.focusAreas
    .filter((fa) => areas.has(fa.id))
    .flatMap((fa) =>
      fa.goals.flatMap((g) =>
        g.indicators.map((indicator) => {
          // A later year's value never shows in an earlier year's status.
          const latest = latestReadingUpTo(ctx, indicator.id, untilYear);
          return { focusAreaId: fa.id, indicator, ...(latest ? { latest } : {}), judgement: indicatorJudgement(indicator, latest) };
        }),
      ),
    );

  const end = today < window.to ? today : window.to;
  const figures = activities.map((activity) => {
    const scope = `activity:${activity.id}`;
    const sessions = idx.sum(scope, 'sessions', window.from, end);
    const byAgeBand = ageBandsOf(plan).map((band) => ({ band, participants: idx.sum(scope, `age:${band}`, window.from, end) })).filter((b) => b.participants > 0);
    return { activity, sessions, average: sessions ? round1(idx.sum(scope, 'headcount', window.from, end) / sessions) : undefined, byAgeBand };
  });
  const status = {
    scope,
    figures,
    period: window,
    today,
    ended: today > plan.period.end,
    targets,
    indicators,
    cadences: cadenceStatuses(ctx, networksIn(plan, scope, activities, inScope), window),
    milestones: milestoneSummary(plan, scope, activities, today, milestoneStates, window),
  };
  return { status, missing: idx.missing };
}

/**
 * The months whose day-level counters a period most likely needs: those it starts or ends inside.
 * Not the month of today: nothing is logged after today, so that month's totals usually serve
 * (RollupIndex checks the month's records per day, and asks for the days when they do not).
 */
export function edgeMonths(plan: Plan, period: DateRange): string[] {
  const window = intersect(period, { from: plan.period.start, to: plan.period.end }) ?? period;
  const inside = (d: IsoDate, first: boolean) => (first ? d.slice(8) !== '01' : addDays(d, 1).slice(8) !== '01');
  return [...new Set([...[period.from, window.from].filter((d) => inside(d, true)), ...[period.to, window.to].filter((d) => inside(d, false))].map((d) => d.slice(0, 7)))];
}

/** How many targets, indicators and cadences have each judgement: the numbers a status header shows. */
export function judgementMix(items: { judgement: Judgement }[]): Record<Judgement, number> {
  const mix = Object.fromEntries(judgements.map((j) => [j, 0])) as Record<Judgement, number>;
  for (const i of items) mix[i.judgement]++;
  return mix;
}

/** Every judged line of a status, each once: targets, indicators and cadences. */
export function judgedLines(status: PlanStatus): { judgement: Judgement; focusAreaId?: string }[] {
  return [
    ...status.targets.map((t) => ({ judgement: t.judgement, focusAreaId: t.holder.focusAreaIds[0] })),
    ...status.indicators.map((i) => ({ judgement: i.judgement, focusAreaId: i.focusAreaId })),
    ...status.cadences.map((c) => ({ judgement: c.judgement })),
  ];
}

/** How far back the rollups must reach for a period: retention cohorts, baselines, averages over years, whole-plan counts. */
export function rollupMonthsNeeded(plan: Plan, period: DateRange): { from: string; to: string } {
  let from = period.from;
  for (const { target } of planTargets(plan)) {
    const candidates: string[] = [];
    if (target.kind === 'retention') candidates.push(addMonths(period.from, -target.afterMonths));
    if (target.kind === 'change') candidates.push(`${target.baseline.year}-01-01`);
    if (target.kind === 'yearlyAverage') candidates.push(target.years ? `${target.years.from}-01-01` : plan.period.start);
    if ((target.kind === 'uniquePeople' && target.per === 'plan') || (target.kind === 'pointInTime' && target.offer)) candidates.push(plan.period.start);
    for (const c of candidates) if (c < from) from = c;
  }
  return { from: from.slice(0, 7), to: period.to.slice(0, 7) };
}
