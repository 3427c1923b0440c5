import { intersect, yearsIn, type DateRange } from '../calendar';
import { activeRange } from '../plan/active';
import type { PlanTarget } from '../plan/planTargets';
import type { Amount, Target } from '../plan/schema';
import { higherIsBetter } from './indicatorStatus';
import { judge } from './judge';
import { measureValue, readingFor, yearOfPeriod } from './measures';
import type { TargetContext, TargetStatus, Window } from './targetStatus';

/**
 * Criteria judged against other years: a change from a baseline year, an average over several
 * years, and the gap to a comparison group along a yearly trajectory.
 */

const round1 = (n: number) => Math.round(n * 10) / 10;
const yearOf = (date: string) => Number(date.slice(0, 4));
const calendarYear = (y: number): DateRange => ({ from: `${y}-01-01`, to: `${y}-12-31` });

function base(pt: PlanTarget) {
  return { key: pt.key, target: pt.target, holder: pt.holder, prorated: false, whole: false };
}

/** A bound-by-bound map over an amount. */
function mapAmount(amount: { min?: number; max?: number; approx?: number }, f: (v: number) => number): Amount {
  const out: Amount = {};
  for (const k of ['min', 'max', 'approx'] as const) if (amount[k] !== undefined) out[k] = round1(f(amount[k]!));
  return out;
}

/** The baseline year's figure: entered in the plan, an indicator's baseline, or that whole year's logs. */
function baselineOf(ctx: TargetContext, pt: PlanTarget, target: Extract<Target, { kind: 'change' }>): number | undefined {
  if (target.baseline.value !== undefined) return target.baseline.value;
  const { measure } = target;
  if (measure.of === 'indicator') {
    const indicator = ctx.plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators)).find((i) => i.id === measure.indicator);
    const own = indicator?.baseline.year && yearOfPeriod(indicator.baseline.year) === target.baseline.year ? indicator.baseline.value : null;
    return own ?? readingFor(ctx, measure.indicator, target.baseline.year)?.value;
  }
  // A year still running is no baseline yet.
  const year = calendarYear(target.baseline.year);
  if (ctx.today <= year.to) return undefined;
  return measureValue(ctx, measure, pt.holder, year) ?? 0;
}

/** "20 % færre end i startåret", "stiger med 5 % om året", "10 % fald i 2026–2028 sammenholdt med 2025". */
export function changeStatus(ctx: TargetContext, pt: PlanTarget, target: Extract<Target, { kind: 'change' }>, w: Window): TargetStatus {
  const year = yearOf(w.range.to);
  const isIndicator = target.measure.of === 'indicator';
  const unit = isIndicator ? 'value' : 'count';
  const baseline = baselineOf(ctx, pt, target);
  const extraOf = (changePercent: number | undefined) => ({ kind: 'change' as const, baselineYear: target.baseline.year, baseline, changePercent });
  // The baseline year itself, and the years before it, have nothing to change from.
  if (year <= target.baseline.year) return { ...base(pt), actual: undefined, goal: {}, unit, judgement: 'inactive', extra: extraOf(undefined) };
  if (!baseline) return { ...base(pt), actual: undefined, goal: {}, unit, judgement: 'noData', extra: extraOf(undefined) };
  const years = target.compounding ? year - target.baseline.year : 1;
  const perYear = mapAmount(target.changePercent, (p) => baseline * Math.pow(1 + p / 100, years));
  if (isIndicator) {
    const actual = measureValue(ctx, target.measure, pt.holder, w.range);
    const change = actual === undefined ? undefined : round1((actual / baseline - 1) * 100);
    return { ...base(pt), actual, goal: perYear, unit, judgement: judge(actual, perYear), extra: extraOf(change) };
  }
  const span = yearsIn(w.range);
  const goal = mapAmount(perYear, (v) => v * span);
  const actual = measureValue(ctx, target.measure, pt.holder, { from: w.range.from, to: w.end });
  // The change so far, as the year's pace: 30 by 1 July against 80 a year is on course for 60.
  const pace = actual !== undefined && w.share > 0 ? actual / (w.share * span) : undefined;
  const change = pace === undefined ? undefined : round1((pace / baseline - 1) * 100);
  return { ...base(pt), actual, goal, unit, whole: true, prorated: Math.abs(span - 1) > 0.01, judgement: judge(actual, goal, w.share), extra: extraOf(change) };
}

/** "som gennemsnit for perioden 2026–2028": the yearly average over the years so far. */
export function yearlyAverageStatus(ctx: TargetContext, pt: PlanTarget, target: Extract<Target, { kind: 'yearlyAverage' }>, w: Window): TargetStatus {
  const { plan } = ctx;
  const years = target.years ?? { from: yearOf(plan.period.start), to: yearOf(plan.period.end) };
  const span = intersect({ from: `${years.from}-01-01`, to: `${years.to}-12-31` }, activeRange(target.active, plan));
  const extra = { kind: 'years' as const, from: years.from, to: years.to };
  const isIndicator = target.measure.of === 'indicator';
  const unit = isIndicator ? 'value' : 'count';
  if (!span || !intersect(span, w.range)) return { ...base(pt), actual: undefined, goal: target.amount, unit, judgement: 'inactive', extra };
  const upTo = w.end < span.to ? w.end : span.to;
  let actual: number | undefined;
  if (upTo >= span.from) {
    if (isIndicator) {
      const values: number[] = [];
      for (let y = yearOf(span.from); y <= yearOf(upTo); y++) {
        const v = measureValue(ctx, target.measure, pt.holder, calendarYear(y));
        if (v !== undefined) values.push(v);
      }
      actual = values.length ? round1(values.reduce((a, v) => a + v, 0) / values.length) : undefined;
    } else {
      const total = measureValue(ctx, target.measure, pt.holder, { from: span.from, to: upTo });
      actual = total === undefined ? undefined : round1(total / yearsIn({ from: span.from, to: upTo }));
    }
  }
  return { ...base(pt), actual, goal: target.amount, unit, whole: !isIndicator, judgement: judge(actual, target.amount), extra };
}

/**
 * "forskellen til kommunen halveres", "mindskes med 1 procentpoint om året", "udgør i gennemsnit
 * højst 7,5 procentpoint". The gap is measured the way the area is behind: below the
 * municipality for what should rise, above it for what should fall. Lower is better.
 */
export function gapStatus(ctx: TargetContext, pt: PlanTarget, target: Extract<Target, { kind: 'gap' }>, w: Window): TargetStatus {
  const { plan } = ctx;
  const indicator = plan.focusAreas.flatMap((f) => f.goals.flatMap((g) => g.indicators)).find((i) => i.id === target.indicator);
  const unit = indicator?.unit === 'percent' ? 'points' : 'value';
  const baselineValue = indicator?.baseline.value;
  const baselineComparison = indicator?.baseline.comparison?.value;
  const y0 = indicator?.baseline.year ? yearOfPeriod(indicator.baseline.year) : undefined;
  if (!indicator || baselineValue == null || baselineComparison == null || y0 === undefined) return { ...base(pt), actual: undefined, goal: {}, unit, judgement: 'noData' };
  const up = higherIsBetter(indicator, baselineValue, baselineComparison);
  // Rounded to the inputs' precision first: 9 - 6,4 is 2,5999999999999996 in floating point.
  const behindBy = (value: number, comparison: number) => Math.round((up ? comparison - value : value - comparison) * 1e9) / 1e9;
  const g0 = behindBy(baselineValue, baselineComparison);
  const until = yearOf(plan.period.end);
  const targetGap = (y: number) => {
    if (target.reducePercent !== undefined) {
      const by = target.byYear ?? until;
      const progress = by > y0 ? Math.min(1, Math.max(0, (y - y0) / (by - y0))) : 1;
      return g0 * (1 - (target.reducePercent / 100) * progress);
    }
    if (target.reducePointsPerYear !== undefined) return g0 - target.reducePointsPerYear * Math.max(0, y - y0);
    return target.atMostPoints!;
  };
  const lastYear = Math.min(yearOf(w.range.to), yearOf(ctx.today));
  const gaps: { year: number; gap: number }[] = [];
  for (let y = y0 + 1; y <= lastYear; y++) {
    const r = readingFor(ctx, indicator.id, y);
    if (r && r.comparison !== undefined) gaps.push({ year: y, gap: behindBy(r.value, r.comparison) });
  }
  const latest = gaps.at(-1);
  const shown = target.averaged ? gaps : latest ? [latest] : [];
  const actual = shown.length ? round1(shown.reduce((a, g) => a + g.gap, 0) / shown.length) : undefined;
  const limit = shown.length ? shown.reduce((a, g) => a + targetGap(g.year), 0) / shown.length : targetGap(lastYear);
  const goal = { max: round1(Math.max(0, limit)) };
  return { ...base(pt), actual, goal, unit, judgement: judge(actual, goal), extra: { kind: 'gap', year: latest?.year, baselineGap: round1(g0) } };
}
