import { addDays, addMonths, intersect, type DateRange, type IsoDate } from '../calendar';
import type { Active } from './primitives';
import type { Plan } from './schema';

/** The first and last day an `active` setting covers, within the plan's period. */
export function activeRange(active: Active | undefined, plan: Plan): DateRange {
  const whole = { from: plan.period.start, to: plan.period.end };
  if (!active) return whole;
  const planYearStart = (n: number) => addMonths(plan.period.start, 12 * (n - 1));
  const from =
    active.fromPlanYear !== undefined ? planYearStart(active.fromPlanYear) : typeof active.from === 'number' ? `${active.from}-01-01` : (active.from ?? whole.from);
  const to =
    active.toPlanYear !== undefined ? addDays(planYearStart(active.toPlanYear + 1), -1) : typeof active.to === 'number' ? `${active.to}-12-31` : (active.to ?? whole.to);
  return intersect({ from, to }, whole) ?? { from, to: addDays(from, -1) };
}

/** The part of a status window in which something is active; undefined when none of it is. */
export function activeWindow(active: Active | undefined, plan: Plan, window: DateRange): DateRange | undefined {
  return intersect(activeRange(active, plan), window);
}

export function isActiveOn(active: Active | undefined, plan: Plan, date: IsoDate): boolean {
  const range = activeRange(active, plan);
  return date >= range.from && date <= range.to;
}
