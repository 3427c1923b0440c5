import { addDays, addMonths, daysBetween, daysInMonths, elapsedShare, yearsIn, type DateRange, type IsoDate } from '../calendar';
import { plannedMeetingsOf } from '../cadence/plannedMeetings';
import { activeRange, activeWindow } from '../plan/active';
import { mainCadence } from '../plan/cadences';
import { activitiesOf, type PlanTarget, type TargetHolder } from '../plan/planTargets';
import type { Amount, Plan, Target } from '../plan/schema';
import { changeStatus, gapStatus, yearlyAverageStatus } from './trendStatus';
import { judge, type Judgement } from './judge';
import { counterFor, measureValue, type StatusContext } from './measures';

/** A figure a partner reported for a target and a year (`reported` in the plan file). */
export interface ReportedFigure {
  targetKey: string;
  year: number;
  value: number;
  source: string;
}

export type Unit = 'count' | 'perWeek' | 'average' | 'percent' | 'points' | 'value';

/** Figures shown beside the main one, by kind. */
export type TargetExtra =
  | { kind: 'share'; part: number; whole: number }
  | { kind: 'change'; baselineYear: number; baseline: number | undefined; changePercent: number | undefined }
  | { kind: 'gap'; year: number | undefined; baselineGap: number }
  | { kind: 'years'; from: number; to: number };

export interface TargetStatus {
  key: string;
  target: Target;
  holder: TargetHolder;
  actual: number | undefined;
  /** The target for the period asked about, scaled from its own period (a yearly 40 is 10 for a quarter). */
  goal: Amount;
  unit: Unit;
  judgement: Judgement;
  /** The goal is a share of a longer period's target: say so beside it. */
  prorated: boolean;
  /** People and visits: the goal is shown in whole ones. */
  whole: boolean;
  /** Meetings the cadence planned so far, for meetingsHeld. */
  planned?: number;
  extra?: TargetExtra;
  /** The partner's own figure, when the plan counts one. */
  reported?: { value: number; years: number[]; sources: string[]; use: 'instead' | 'beside' };
}

export interface TargetContext extends StatusContext {
  reported: ReportedFigure[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
type Per = 'week' | 'month' | 'quarter' | 'year' | 'plan';

/** Days in a target's own period, to scale it to the status period. */
function perDays(per: Per, plan: Plan): number {
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

export function scaled(amount: Amount, factor: number): Amount {
  const out: Amount = {};
  for (const k of ['min', 'max', 'approx'] as const) if (amount[k] !== undefined) out[k] = round1(amount[k]! * factor);
  return out;
}

/** The window a target is judged over: the period asked, within the plan and the target's own years. */
export interface Window {
  range: DateRange;
  /** The last day counted: today, or the range's end when it is over. */
  end: IsoDate;
  share: number;
}

const activityScopes = (ids: string[]) => ids.map((id) => `activity:${id}`);

function base(pt: PlanTarget) {
  return { key: pt.key, target: pt.target, holder: pt.holder, prorated: false, whole: false };
}

function inactive(pt: PlanTarget, goal: Amount, unit: Unit): TargetStatus {
  return { ...base(pt), actual: undefined, goal, unit, judgement: 'inactive' };
}

function goalOf(target: Target): Amount {
  if ('amount' in target && target.amount) return target.amount;
  if ('sharePercent' in target && target.sharePercent) return target.sharePercent;
  return {};
}

/** Computes one target's status for a period asked about. */
export function targetStatus(ctx: TargetContext, pt: PlanTarget, asked: DateRange): TargetStatus {
  const { plan } = ctx;
  const holderActive = pt.holder.activity?.active;
  const range = activeWindow(pt.target.active, plan, asked);
  const window = range ? activeWindow(holderActive, plan, range) : undefined;
  if (!window) return inactive(pt, goalOf(pt.target), 'count');
  const w: Window = { range: window, end: ctx.today < window.to ? ctx.today : window.to, share: elapsedShare(window, ctx.today) };
  const status = computeTarget(ctx, pt, w);
  return withReported(ctx, pt, w, status);
}

function computeTarget(ctx: TargetContext, pt: PlanTarget, w: Window): TargetStatus {
  const { plan, idx } = ctx;
  const { target, holder } = pt;
  const b = base(pt);
  const factorFor = (per: Per) => yearsIn(w.range) * (365 / perDays(per, plan));
  const scopes = activityScopes(activitiesOf(target, holder));
  const { range, end, share } = w;
  switch (target.kind) {
    case 'count': {
      const kinds = target.sessionKinds ?? [undefined];
      const sum = (name: 'sessions' | typeof target.of) =>
        kinds.reduce((n, sessionKind) => n + idx.sumAll(scopes, counterFor(name, { ...(sessionKind ? { sessionKind } : {}), ...(target.ageBand && name !== 'sessions' ? { ageBand: target.ageBand } : {}) }), range.from, end), 0);
      const sessions = sum('sessions');
      const actual = sessions ? sum(target.of) : undefined;
      const factor = factorFor(target.per);
      const goal = scaled(target.amount, factor);
      return { ...b, actual, goal, unit: 'count', whole: true, prorated: Math.abs(factor - 1) > 0.01, judgement: judge(actual, goal, share) };
    }
    case 'sessionsPerWeek': {
      const excluded = new Set(target.excludeMonths ?? []);
      const inSeason = (m: number) => !excluded.has(m);
      const days = daysInMonths(range.from, end, inSeason);
      const n = scopes.reduce((sum, scope) => sum + idx.sum(scope, 'sessions', range.from, end, inSeason), 0);
      const actual = days >= 7 && n ? round1(n / (days / 7)) : undefined;
      return { ...b, actual, goal: target.amount, unit: 'perWeek', judgement: judge(actual, target.amount) };
    }
    case 'averageAttendance': {
      const sessions = idx.sumAll(scopes, 'sessions', range.from, end);
      const actual = sessions ? round1(idx.sumAll(scopes, 'headcount', range.from, end) / sessions) : undefined;
      return { ...b, actual, goal: target.amount, unit: 'average', judgement: judge(actual, target.amount) };
    }
    case 'uniquePeople': {
      if (target.per === 'month' || target.averaged) {
        const counts = monthsOf(range.from, end).map((m) => idx.distinctPeople(scopes, `${m}-01`, `${m}-01`));
        const actual = counts.some((c) => c > 0) ? round1(counts.reduce((a, c) => a + c, 0) / counts.length) : undefined;
        return { ...b, actual, goal: target.amount, unit: 'count', whole: true, judgement: judge(actual, target.amount) };
      }
      if (target.per === 'plan') {
        // "200 forældre over de 4 år": everyone reached since the target began, whatever period is asked.
        const whole = activeRange(target.active, plan);
        const actual = idx.distinctPeople(scopes, whole.from, end) || undefined;
        return { ...b, actual, goal: target.amount, unit: 'count', whole: true, prorated: true, judgement: judge(actual, target.amount, elapsedShare(whole, ctx.today)) };
      }
      const unique = idx.distinctPeople(scopes, range.from, end) || undefined;
      const factor = factorFor('year');
      const goal = scaled(target.amount, factor);
      return { ...b, actual: unique, goal, unit: 'count', whole: true, prorated: Math.abs(factor - 1) > 0.01, judgement: judge(unique, goal, share) };
    }
    case 'repeatParticipation':
      return repeatStatus(ctx, pt, target, w, scopes);
    case 'referrals': {
      const actual = measureValue(ctx, { of: 'referrals', reaching: target.reaching, ...(target.toOffer ? { toOffer: target.toOffer } : {}), ...(target.activities ? { activities: target.activities } : {}) }, holder, { from: range.from, to: end });
      const factor = factorFor(target.per);
      const goal = scaled(target.amount, factor);
      return { ...b, actual, goal, unit: 'count', whole: true, prorated: Math.abs(factor - 1) > 0.01, judgement: judge(actual, goal, share) };
    }
    case 'retention': {
      // The cohort that started N months before the period, followed up to today.
      const from = addMonths(range.from, -target.afterMonths);
      const to = addMonths(end, -target.afterMonths);
      const sources = holder.kind === 'activity' ? [`referrals:${holder.id}`] : idx.scopes('referrals:');
      const started = sources.reduce((n, s) => n + idx.sumMonths(s, 'cohortStarted', from, to), 0);
      const retained = sources.reduce((n, s) => n + idx.sumMonths(s, 'cohortRetained', from, to), 0);
      if (target.sharePercent) {
        const actual = started ? round1((retained / started) * 100) : undefined;
        return { ...b, actual, goal: target.sharePercent, unit: 'percent', extra: { kind: 'share', part: retained, whole: started }, judgement: judge(actual, target.sharePercent) };
      }
      const goal = target.amount ?? {};
      return { ...b, actual: started ? retained : undefined, goal, unit: 'count', whole: true, judgement: started ? judge(retained, goal, share) : 'noData' };
    }
    case 'pointInTime': {
      if (target.offer) {
        // Everyone who has started in the offer since the plan began, less those who have ended, at
        // the period's end, whoever referred them: the offer's head count is what the plan states.
        const dest = `offer-${target.offer}`;
        const sources = idx.scopes('referrals:');
        const sum = (name: string) => sources.reduce((n, s) => n + idx.sumMonths(s, name, plan.period.start, end), 0);
        const actual = sum(`reached:started:${dest}`) - sum(`ended:${dest}`);
        return { ...b, actual, goal: target.amount, unit: 'count', whole: true, judgement: judge(actual, target.amount) };
      }
      const latest = scopes.map((scope) => idx.latestDay(scope, 'sessions', range.from, end)).filter((d) => d !== undefined);
      const actual = latest.length ? round1(latest.reduce((n, d) => n + d.value('headcount') / (d.value('sessions') || 1), 0)) : undefined;
      return { ...b, actual, goal: target.amount, unit: 'count', whole: true, judgement: judge(actual, target.amount) };
    }
    case 'meetingsHeld': {
      const network = plan.networks.find((n) => n.id === target.network);
      const actual = idx.sum(`network:${target.network}`, 'meetings', range.from, end) || undefined;
      const factor = factorFor(target.per);
      const goal = scaled(target.amount, factor);
      const planned = network ? plannedMeetingsOf(plan, mainCadence(network), { from: range.from, to: end }).length : undefined;
      return { ...b, actual, goal, unit: 'count', whole: true, prorated: Math.abs(factor - 1) > 0.01, judgement: judge(actual, goal, share), ...(planned !== undefined ? { planned } : {}) };
    }
    case 'organisationsInvolved': {
      const orgs = organisationsOf(ctx, pt, target, range.from, end) || undefined;
      const goal = scaled(target.amount, target.per === 'plan' || target.per === 'year' ? 1 : factorFor(target.per));
      return { ...b, actual: orgs, goal, unit: 'count', whole: true, judgement: judge(orgs, goal, share) };
    }
    case 'outcomes': {
      const actual = measureValue(ctx, { of: 'outcomes', outcome: target.outcome, ...(target.activities ? { activities: target.activities } : {}) }, holder, { from: range.from, to: end });
      const factor = factorFor(target.per);
      const goal = scaled(target.amount, factor);
      return { ...b, actual, goal, unit: 'count', whole: true, prorated: Math.abs(factor - 1) > 0.01, judgement: judge(actual, goal, share) };
    }
    case 'funnel': {
      // Referrals on both steps follow the same cohort: of those referred in the period, how many started.
      const cohort = target.from.of === 'referrals' && target.to.of === 'referrals';
      const upTo = { from: range.from, to: end };
      const from = measureValue(ctx, target.from, holder, upTo, cohort);
      const to = measureValue(ctx, target.to, holder, upTo, cohort) ?? 0;
      const actual = from ? round1((to / from) * 100) : undefined;
      return { ...b, actual, goal: target.sharePercent, unit: 'percent', extra: { kind: 'share', part: to, whole: from ?? 0 }, judgement: judge(actual, target.sharePercent) };
    }
    case 'assessment': {
      const scope = `assessment:${pt.key}`;
      let asked = 0;
      let agreeing = 0;
      if (target.method === 'survey') {
        asked = idx.sum(scope, 'asked', range.from, end);
        agreeing = idx.sum(scope, 'agreeing', range.from, end);
      } else {
        // An assessment describes the group as it is: the latest one stands.
        const latest = idx.latestDay(scope, 'assessments', range.from, end);
        if (latest) [asked, agreeing] = [latest.value('asked'), latest.value('agreeing')];
      }
      const actual = asked ? round1((agreeing / asked) * 100) : undefined;
      return { ...b, actual, goal: target.sharePercent, unit: 'percent', extra: { kind: 'share', part: agreeing, whole: asked }, judgement: judge(actual, target.sharePercent) };
    }
    case 'change':
      return changeStatus(ctx, pt, target, w);
    case 'yearlyAverage':
      return yearlyAverageStatus(ctx, pt, target, w);
    case 'gap':
      return gapStatus(ctx, pt, target, w);
  }
}

const monthsOf = (from: IsoDate, to: IsoDate): string[] => {
  const out: string[] = [];
  for (let m = from.slice(0, 7); m <= to.slice(0, 7); m = addMonths(`${m}-01`, 1).slice(0, 7)) out.push(m);
  return out;
};

/** The buckets repetitions are counted in: calendar years for "årligt", never across two. */
function buckets(per: Exclude<Per, 'week'>, range: DateRange, end: IsoDate): DateRange[] {
  if (per === 'plan') return [{ from: range.from, to: end }];
  const out: DateRange[] = [];
  const step = per === 'year' ? 12 : per === 'quarter' ? 3 : 1;
  // Buckets start on calendar boundaries (1 January, 1 April, the 1st), then are cut to the range.
  let start = per === 'year' ? `${range.from.slice(0, 4)}-01-01` : per === 'quarter' ? `${range.from.slice(0, 4)}-${String(Math.floor((Number(range.from.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01` : `${range.from.slice(0, 7)}-01`;
  for (; start <= end; start = addMonths(start, step)) {
    const stop = addDays(addMonths(start, step), -1);
    out.push({ from: start < range.from ? range.from : start, to: stop > end ? end : stop });
  }
  return out;
}

function repeatStatus(ctx: TargetContext, pt: PlanTarget, target: Extract<Target, { kind: 'repeatParticipation' }>, w: Window, scopes: string[]): TargetStatus {
  let people = 0;
  let repeating = 0;
  const parts = buckets(target.per === 'week' ? 'month' : target.per, w.range, w.end);
  for (const part of parts) {
    const codes = ctx.idx.codes(scopes, part.from, part.to);
    people += codes.size;
    repeating += [...codes.values()].filter((n) => n > target.moreThanSessions).length;
  }
  const sharePercent = people ? round1((repeating / people) * 100) : undefined;
  const b = base(pt);
  const extra: TargetExtra = { kind: 'share', part: repeating, whole: people };
  if (target.amount) {
    const factor = target.per === 'plan' ? 1 : yearsIn(w.range) * (365 / perDays(target.per, ctx.plan));
    const goal = scaled(target.amount, factor);
    const actual = people ? repeating : undefined;
    return { ...b, actual, goal, unit: 'count', whole: true, prorated: Math.abs(factor - 1) > 0.01, extra, judgement: judge(actual, goal, w.share) };
  }
  const goal = target.sharePercent ?? {};
  return { ...b, actual: sharePercent, goal, unit: 'percent', extra, judgement: judge(sharePercent, goal) };
}

function organisationsOf(ctx: TargetContext, pt: PlanTarget, target: Extract<Target, { kind: 'organisationsInvolved' }>, from: IsoDate, to: IsoDate): number {
  const { plan, idx } = ctx;
  const kinds = target.organisationKind ? orgKinds[target.organisationKind] : undefined;
  const fits = (id: string) => !kinds || kinds.includes(plan.organisations.find((o) => o.id === id)?.kind ?? '');
  const activities = activitiesOf(target, pt.holder);
  if (target.sessionKinds) {
    // Only the organisations taking part in those sessions (the festival), not every meeting's.
    const wanted = new Set(target.sessionKinds);
    const keys = idx.organisations(activities.map((a) => `activity:${a}`), from, to);
    return new Set([...keys].filter((k) => wanted.has(k.split('@')[1] ?? '')).map((k) => k.split('@')[0]!).filter(fits)).size;
  }
  const own = plan.networks.filter((n) => n.activity !== undefined && activities.includes(n.activity)).map((n) => `network:${n.id}`);
  const scopes = [...(own.length ? own : idx.scopes('network:')), ...activities.map((a) => `activity:${a}`)];
  return new Set([...idx.organisations(scopes, from, to)].map((k) => k.split('@')[0]!).filter(fits)).size;
}

const orgKinds: Record<string, string[] | undefined> = { association: ['association'], daycare: ['daycare'], school: ['school'], culture: ['culture'] };

/** A partner's own figure: instead of the logbook's (judged on its own), or shown beside it. */
function withReported(ctx: TargetContext, pt: PlanTarget, w: Window, status: TargetStatus): TargetStatus {
  const how = pt.target.reported;
  if (!how) return status;
  const from = Number(w.range.from.slice(0, 4));
  const to = Number(w.range.to.slice(0, 4));
  const figures = ctx.reported.filter((r) => r.targetKey === pt.key && r.year >= from && r.year <= to);
  const byYear = new Map(figures.map((f) => [f.year, f]));
  const years = [...byYear.keys()].sort();
  const values = years.map((y) => byYear.get(y)!.value);
  const value = values.length ? (status.unit === 'count' ? values.reduce((a, v) => a + v, 0) : round1(values.reduce((a, v) => a + v, 0) / values.length)) : undefined;
  const reported = value === undefined ? undefined : { value, years, sources: [...new Set(years.map((y) => byYear.get(y)!.source))], use: how.use };
  if (how.use === 'beside') return reported ? { ...status, reported } : status;
  // A partner's figure covers whole years, so it is judged against the whole years' target.
  return { ...status, actual: value, ...(reported ? { reported } : {}), judgement: judge(value, status.goal) };
}
