import { elapsedShare, intersect, lastDayOfMonth, type DateRange, type IsoDate } from '../calendar';
import { activeRange, activeWindow } from '../plan/active';
import { activitiesOf, type PlanTarget } from '../plan/planTargets';
import type { Plan } from '../plan/schema';
import type { IndicatorReading } from './measures';
import { monthsBetween, RollupIndex } from './rollupIndex';
import type { Rollup } from './rollups';
import { targetStatus, type ReportedFigure, type TargetStatus } from './targetStatus';

/**
 * A target's figure month by month, for a chart: the figure as status would have shown it at the
 * end of each month with logs (the same targetStatus, with "today" set to that month's end), and
 * the goal line, the share of the period's goal that should be reached by each month's end. The
 * last point is exactly the status card's figure.
 */
export interface TargetSeries {
  key: string;
  /** Every month of the period asked, `2025-01` … `2025-12`: the chart's axis. */
  months: string[];
  /** One point per month in which something was logged for the target's activities, up to today. */
  points: { month: string; value: number }[];
  /** The goal to have reached by each month's end; absent for a target without an amount. */
  goal: { month: string; value: number }[];
}

export interface SeriesInputs {
  plan: Plan;
  period: DateRange;
  today: IsoDate;
  rollups: Rollup[];
  indicatorValues?: IndicatorReading[];
  reportedFigures?: ReportedFigure[];
}


/** Whether the judgement of this kind scales the goal by the share of the period passed (judge's elapsedShare). */
function isProrated(pt: PlanTarget, status: TargetStatus): boolean {
  const t = pt.target;
  if (status.unit !== 'count') return false;
  if (t.kind === 'pointInTime') return false;
  if (t.kind === 'uniquePeople' && (t.per === 'month' || t.averaged)) return false;
  return true;
}

/** The months in which anything was logged that the target's activities roll up: sessions, referrals, outcomes. */
function monthsWithLogs(idx: RollupIndex, pt: PlanTarget, months: string[]): string[] {
  const ids = activitiesOf(pt.target, pt.holder);
  const t = pt.target;
  const scopes = [...ids.map((id) => `activity:${id}`), ...ids.map((id) => `referrals:${id}`)];
  if (t.kind === 'meetingsHeld') scopes.push(`network:${t.network}`);
  return months.filter((month) =>
    scopes.some((scope) => {
      const r = idx.month(scope, month);
      return r !== undefined && Object.entries(r.counters).some(([k, v]) => !k.startsWith('d') && v !== 0);
    }),
  );
}

export function targetSeries(inputs: SeriesInputs, pt: PlanTarget): TargetSeries {
  const { plan, period, today, rollups } = inputs;
  const window = intersect(period, { from: plan.period.start, to: plan.period.end }) ?? period;
  const months = monthsBetween(window.from, window.to);
  const idx = new RollupIndex(rollups);
  const ctx = (day: IsoDate) => ({ plan, idx, today: day, indicatorValues: inputs.indicatorValues ?? [], reported: inputs.reportedFigures ?? [] });
  const statusOn = (day: IsoDate) => targetStatus(ctx(day), pt, window);
  const current = statusOn(today);
  const shown = months.filter((m) => `${m}-01` <= today);
  const points = monthsWithLogs(idx, pt, shown).flatMap((month) => {
    const end = lastDayOfMonth(month) < today ? lastDayOfMonth(month) : today;
    const value = statusOn(end).actual;
    return value === undefined ? [] : [{ month, value }];
  });
  const full = current.goal.min ?? current.goal.approx ?? current.goal.max;
  if (full === undefined || current.judgement === 'inactive') return { key: pt.key, months, points, goal: [] };
  const prorated = isProrated(pt, current);
  // A target judged over the whole plan ("200 forældre over de 4 år") is prorated over the plan, not the year.
  const t = pt.target;
  const own = activeWindow(t.active, plan, window);
  const over = t.kind === 'uniquePeople' && t.per === 'plan' ? activeRange(t.active, plan) : ((own && activeWindow(pt.holder.activity?.active, plan, own)) ?? window);
  const goal = months.map((month) => ({ month, value: prorated ? Math.round(full * elapsedShare(over, lastDayOfMonth(month)) * 10) / 10 : full }));
  return { key: pt.key, months, points, goal };
}
