import { addDays, addMonths, daysBetween, intersect, type DateRange, type IsoDate } from '../calendar';
import { plannedMeetings } from '../cadence/plannedMeetings';
import type { Activity, Amount, Plan, Target } from '../plan/schema';
import { effectiveDueDate } from '../reminders/dueReminders';
import type { MilestoneState } from '../reminders/scheduleState';
import { elapsedShare } from './attendanceStatus';
import { judge, type Judgement } from './judge';
import type { Rollup } from './rollups';

/**
 * Status of a plan, a focus area, an activity or a network over a period, computed from the
 * rollups alone (never the records), for every target kind the plans use. Pure.
 */
export type StatusScope = { kind: 'plan' } | { kind: 'focusArea'; id: string } | { kind: 'activity'; id: string } | { kind: 'network'; id: string };

export interface IndicatorReading {
  indicatorId: string;
  period: string;
  value: number;
  source: string;
}

export type Unit = 'count' | 'perWeek' | 'average' | 'percent';

export interface TargetStatus {
  target: Target;
  activity: Activity;
  actual: number | undefined;
  /** The target for the whole period, scaled from its own period (a yearly 40 is 10 for a quarter). */
  goal: Amount;
  unit: Unit;
  judgement: Judgement;
  /** Meetings the cadence planned so far, for meetingsHeld. */
  planned?: number;
}

export interface IndicatorStatus {
  focusAreaId: string;
  indicator: Plan['focusAreas'][number]['goals'][number]['indicators'][number];
  latest?: IndicatorReading;
  judgement: Judgement;
}

export interface MilestoneSummary {
  done: number;
  dueSoon: { id: string; text: string; due: IsoDate }[];
  overdue: { id: string; text: string; due: IsoDate }[];
}

export interface ActivityFigures {
  activity: Activity;
  sessions: number;
  average: number | undefined;
}

export interface PlanStatus {
  scope: StatusScope;
  /** Sessions and average attendance so far in the period, per activity in scope. */
  figures: ActivityFigures[];
  period: DateRange;
  today: IsoDate;
  targets: TargetStatus[];
  indicators: IndicatorStatus[];
  milestones: MilestoneSummary;
}

export interface PlanStatusInputs {
  plan: Plan;
  scope: StatusScope;
  period: DateRange;
  today: IsoDate;
  /** Rollups from 12 months before the period (retention cohorts) to its end. */
  rollups: Rollup[];
  indicatorValues?: IndicatorReading[];
  milestoneStates?: MilestoneState[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const monthsBetween = (from: string, to: string): string[] => {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
};
const lastDayOfMonth = (month: string) => addDays(addMonths(`${month}-01`, 1), -1);

/** Days in a target's own period, to scale it to the status period. */
function periodDays(per: 'week' | 'month' | 'quarter' | 'year' | 'plan', plan: Plan): number {
  switch (per) {
    case 'week':
      return 7;
    case 'month':
      return 365 / 12;
    case 'quarter':
      return 365 / 4;
    case 'year':
      return 365;
    case 'plan':
      return daysBetween(plan.period.start, plan.period.end) + 1;
  }
}

function scaled(amount: Amount, factor: number): Amount {
  const out: Amount = {};
  for (const k of ['min', 'max', 'approx'] as const) if (amount[k] !== undefined) out[k] = round1(amount[k]! * factor);
  return out;
}

class RollupIndex {
  private readonly byScope = new Map<string, Map<string, Rollup>>();
  constructor(rollups: Rollup[]) {
    for (const r of rollups) {
      const months = this.byScope.get(r.scope) ?? new Map<string, Rollup>();
      months.set(r.month, r);
      this.byScope.set(r.scope, months);
    }
  }

  scopes(prefix: string): string[] {
    return [...this.byScope.keys()].filter((s) => s.startsWith(prefix));
  }

  month(scope: string, month: string): Rollup | undefined {
    return this.byScope.get(scope)?.get(month);
  }

  /** A counter summed over days from..to: whole months from the month total, edge months day by day. */
  sum(scope: string, name: string, from: IsoDate, to: IsoDate, months?: (month: number) => boolean): number {
    if (to < from) return 0;
    let total = 0;
    for (const month of monthsBetween(from, to)) {
      if (months && !months(Number(month.slice(5, 7)))) continue;
      const r = this.month(scope, month);
      if (!r) continue;
      if (from <= `${month}-01` && to >= lastDayOfMonth(month)) total += r.counters[name] ?? 0;
      else {
        for (const [key, value] of Object.entries(r.counters)) {
          const m = /^d(\d\d):(.+)$/.exec(key);
          if (m && m[2] === name) {
            const date = `${month}-${m[1]}`;
            if (date >= from && date <= to) total += value;
          }
        }
      }
    }
    return total;
  }

  /** A counter summed over whole months (referrals are kept per month). */
  sumMonths(scope: string, name: string, from: IsoDate, to: IsoDate): number {
    return monthsBetween(from, to).reduce((n, m) => n + (this.month(scope, m)?.counters[name] ?? 0), 0);
  }

  codes(scope: string, from: IsoDate, to: IsoDate): Map<string, number> {
    const out = new Map<string, number>();
    for (const m of monthsBetween(from, to)) for (const [code, n] of Object.entries(this.month(scope, m)?.codes ?? {})) out.set(code, (out.get(code) ?? 0) + n);
    return out;
  }

  organisations(scopes: string[], from: IsoDate, to: IsoDate): Set<string> {
    const out = new Set<string>();
    for (const scope of scopes) for (const m of monthsBetween(from, to)) for (const org of Object.keys(this.month(scope, m)?.organisations ?? {})) out.add(org);
    return out;
  }

  /** The last day with sessions, and its headcount per session. */
  latestDay(scope: string, from: IsoDate, to: IsoDate): number | undefined {
    for (const month of monthsBetween(from, to).reverse()) {
      const r = this.month(scope, month);
      if (!r) continue;
      const days = Object.keys(r.counters)
        .map((k) => /^d(\d\d):sessions$/.exec(k)?.[1])
        .filter((d): d is string => !!d && `${month}-${d}` >= from && `${month}-${d}` <= to)
        .sort();
      const day = days[days.length - 1];
      if (day) return round1((r.counters[`d${day}:headcount`] ?? 0) / (r.counters[`d${day}:sessions`] ?? 1));
    }
    return undefined;
  }
}

const countedAs: Record<Extract<Target, { kind: 'count' }>['of'], string> = { participants: 'headcount', newParticipants: 'new', sessions: 'sessions', events: 'sessions', volunteers: 'volunteers' };
const orgKinds: Record<string, string[] | undefined> = { association: ['association'], daycare: ['daycare'], school: ['school'], culture: ['culture'] };

function targetStatus(plan: Plan, activity: Activity, target: Target, window: DateRange, today: IsoDate, idx: RollupIndex): TargetStatus {
  const end = today < window.to ? today : window.to;
  const share = elapsedShare(window, today);
  const factorFor = (per: Parameters<typeof periodDays>[0]) => (daysBetween(window.from, window.to) + 1) / periodDays(per, plan);
  const scope = `activity:${activity.id}`;
  const sessions = idx.sum(scope, 'sessions', window.from, end);
  const base = { target, activity };
  switch (target.kind) {
    case 'count': {
      const goal = scaled(target.amount, factorFor(target.per));
      const actual = sessions ? idx.sum(scope, countedAs[target.of], window.from, end) : undefined;
      return { ...base, actual, goal, unit: 'count', judgement: judge(actual, goal, share) };
    }
    case 'sessionsPerWeek': {
      const excluded = new Set(target.excludeMonths ?? []);
      const inSeason = (m: number) => !excluded.has(m);
      let days = 0;
      for (let d = window.from; d <= end; d = addDays(d, 1)) if (inSeason(Number(d.slice(5, 7)))) days++;
      const n = idx.sum(scope, 'sessions', window.from, end, inSeason);
      const actual = days >= 7 && n ? round1(n / (days / 7)) : undefined;
      return { ...base, actual, goal: target.amount, unit: 'perWeek', judgement: judge(actual, target.amount) };
    }
    case 'averageAttendance': {
      const actual = sessions ? round1(idx.sum(scope, 'headcount', window.from, end) / sessions) : undefined;
      return { ...base, actual, goal: target.amount, unit: 'average', judgement: judge(actual, target.amount) };
    }
    case 'uniquePeople': {
      if (target.per === 'month' || target.averaged) {
        const months = monthsBetween(window.from, end);
        const counts = months.map((m) => idx.codes(scope, `${m}-01`, `${m}-01`).size);
        const actual = counts.some((c) => c > 0) ? round1(counts.reduce((a, b) => a + b, 0) / counts.length) : undefined;
        return { ...base, actual, goal: target.amount, unit: 'count', judgement: judge(actual, target.amount) };
      }
      const unique = idx.codes(scope, window.from, end).size;
      const goal = scaled(target.amount, factorFor('year'));
      return { ...base, actual: unique || undefined, goal, unit: 'count', judgement: judge(unique || undefined, goal, share) };
    }
    case 'repeatParticipation': {
      const codes = idx.codes(scope, window.from, end);
      const actual = codes.size ? round1(([...codes.values()].filter((n) => n > target.moreThanSessions).length / codes.size) * 100) : undefined;
      return { ...base, actual, goal: target.sharePercent, unit: 'percent', judgement: judge(actual, target.sharePercent) };
    }
    case 'referrals': {
      const counter = target.toOffer ? `reached:${target.reaching}:offer-${target.toOffer}` : `reached:${target.reaching}`;
      const actual = idx.sumMonths(`referrals:${activity.id}`, counter, window.from, end);
      const goal = scaled(target.amount, factorFor(target.per));
      return { ...base, actual, goal, unit: 'count', judgement: judge(actual, goal, share) };
    }
    case 'retention': {
      // The cohort that started N months before the period, followed up to today.
      const from = addMonths(window.from, -target.afterMonths);
      const to = addMonths(end, -target.afterMonths);
      const started = idx.sumMonths(`referrals:${activity.id}`, 'cohortStarted', from, to);
      const retained = idx.sumMonths(`referrals:${activity.id}`, 'cohortRetained', from, to);
      if (target.sharePercent) {
        const actual = started ? round1((retained / started) * 100) : undefined;
        return { ...base, actual, goal: target.sharePercent, unit: 'percent', judgement: judge(actual, target.sharePercent) };
      }
      const goal = target.amount ?? {};
      return { ...base, actual: started ? retained : undefined, goal, unit: 'count', judgement: started ? judge(retained, goal, share) : 'noData' };
    }
    case 'pointInTime': {
      const actual = idx.latestDay(scope, window.from, end);
      return { ...base, actual, goal: target.amount, unit: 'count', judgement: judge(actual, target.amount) };
    }
    case 'meetingsHeld': {
      const network = plan.networks.find((n) => n.id === target.network);
      const actual = idx.sum(`network:${target.network}`, 'meetings', window.from, end);
      const goal = scaled(target.amount, factorFor(target.per));
      const planned = network ? plannedMeetings(network.cadence, { from: window.from, to: end }, plan.period.start, plan.timeZone).length : undefined;
      return { ...base, actual, goal, unit: 'count', judgement: judge(actual, goal, share), ...(planned !== undefined ? { planned } : {}) };
    }
    case 'organisationsInvolved': {
      const own = plan.networks.filter((n) => n.activity === activity.id).map((n) => `network:${n.id}`);
      const scopes = own.length ? own : idx.scopes('network:');
      const kinds = target.organisationKind ? orgKinds[target.organisationKind] : undefined;
      const orgs = [...idx.organisations(scopes, window.from, end)].filter((id) => !kinds || kinds.includes(plan.organisations.find((o) => o.id === id)?.kind ?? ''));
      const goal = scaled(target.amount, target.per === 'plan' || target.per === 'year' ? 1 : factorFor(target.per));
      return { ...base, actual: orgs.length, goal, unit: 'count', judgement: judge(orgs.length, goal, share) };
    }
  }
}

/** A population indicator against its baseline and direction, from the latest value entered. */
export function indicatorJudgement(indicator: IndicatorStatus['indicator'], latest: IndicatorReading | undefined): Judgement {
  const baseline = indicator.baseline.value;
  if (!latest || baseline === null) return 'noData';
  const v = latest.value;
  switch (indicator.direction) {
    case 'falls':
      if (indicator.target !== undefined && v <= indicator.target) return 'ahead';
      return v < baseline ? 'onTrack' : 'behind';
    case 'rises':
      if (indicator.target !== undefined && v >= indicator.target) return 'ahead';
      return v > baseline ? 'onTrack' : 'behind';
    case 'holds':
      // "fastholdes": within five per cent of the baseline.
      return Math.abs(v - baseline) <= Math.abs(baseline) * 0.05 ? 'onTrack' : 'behind';
    case 'toComparisonLevel': {
      const level = indicator.baseline.comparison?.value ?? indicator.target;
      if (level === undefined || level === null) return 'noData';
      if (Math.abs(v - level) <= Math.abs(level) * 0.01) return 'ahead';
      return Math.abs(v - level) < Math.abs(baseline - level) ? 'onTrack' : 'behind';
    }
  }
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
      return plan.activities.filter((a) => a.id === network?.activity || a.targets.some((t) => t.kind === 'meetingsHeld' && t.network === scope.id));
    }
  }
}

export function planStatus({ plan, scope, period, today, rollups, indicatorValues = [], milestoneStates = [] }: PlanStatusInputs): PlanStatus {
  const window = intersect(period, { from: plan.period.start, to: plan.period.end }) ?? period;
  const idx = new RollupIndex(rollups);
  const activities = activitiesIn(plan, scope);
  const targets = activities.flatMap((activity) =>
    activity.targets.filter((t) => scope.kind !== 'network' || activity.id === plan.networks.find((n) => n.id === scope.id)?.activity || (t.kind === 'meetingsHeld' && t.network === scope.id)).map((t) => targetStatus(plan, activity, t, window, today, idx)),
  );

  const focusAreas = scope.kind === 'plan' ? plan.focusAreas : scope.kind === 'focusArea' ? plan.focusAreas.filter((f) => f.id === scope.id) : [];
  const indicators = focusAreas.flatMap((fa) =>
    fa.goals.flatMap((g) =>
      g.indicators.map((indicator) => {
        const latest = indicatorValues.filter((v) => v.indicatorId === indicator.id).sort((a, b) => a.period.localeCompare(b.period)).at(-1);
        return { focusAreaId: fa.id, indicator, ...(latest ? { latest } : {}), judgement: indicatorJudgement(indicator, latest) };
      }),
    ),
  );

  const activityIds = new Set(activities.map((a) => a.id));
  const milestones = plan.milestones.filter((m) => scope.kind === 'plan' || (m.activity !== undefined && activityIds.has(m.activity)));
  const summary: MilestoneSummary = { done: 0, dueSoon: [], overdue: [] };
  for (const m of milestones) {
    const state = milestoneStates.find((s) => s.milestoneId === m.id);
    if (state?.done) {
      summary.done++;
      continue;
    }
    const due = effectiveDueDate(m, state);
    if (due < today) summary.overdue.push({ id: m.id, text: m.text, due });
    else if (due <= addDays(today, 30)) summary.dueSoon.push({ id: m.id, text: m.text, due });
  }
  const end = today < window.to ? today : window.to;
  const figures = activities.map((activity) => {
    const sessions = idx.sum(`activity:${activity.id}`, 'sessions', window.from, end);
    return { activity, sessions, average: sessions ? round1(idx.sum(`activity:${activity.id}`, 'headcount', window.from, end) / sessions) : undefined };
  });
  return { scope, figures, period: window, today, targets, indicators, milestones: summary };
}

/** How many months before a period the rollups must reach, for retention cohorts. */
export function rollupMonthsNeeded(plan: Plan, period: DateRange): { from: string; to: string } {
  const back = Math.max(0, ...plan.activities.flatMap((a) => a.targets.map((t) => (t.kind === 'retention' ? t.afterMonths : 0))));
  return { from: addMonths(period.from, -back).slice(0, 7), to: period.to.slice(0, 7) };
}
