import type { DateRange, IsoDate } from '../calendar';
import type { TargetHolder } from '../plan/planTargets';
import type { Plan } from '../plan/schema';
import type { Measure } from '../plan/targets';
import type { RollupIndex } from './rollupIndex';

/** A population indicator's value from an outside source, for a year or a school year. */
export interface IndicatorReading {
  indicatorId: string;
  /** "2025", or a school year "2024/25". */
  period: string;
  value: number;
  /** The comparison group's value the same year (the municipality's), when entered. */
  comparison?: number;
  source: string;
}

/** What every status computation reads. */
export interface StatusContext {
  plan: Plan;
  idx: RollupIndex;
  today: IsoDate;
  indicatorValues: IndicatorReading[];
}

/** The calendar year a reading belongs to: a school year "2024/25" ends in 2025. */
export function yearOfPeriod(period: string): number {
  const school = /^(\d{4})\s*\/\s*(\d{2}|\d{4})$/.exec(period.trim());
  if (school) return Number(school[1]) + 1;
  return Number(period.trim().slice(0, 4));
}

/** The reading for one calendar year, if one was entered; the latest entered wins a tie. */
export function readingFor(ctx: StatusContext, indicatorId: string, year: number): IndicatorReading | undefined {
  return ctx.indicatorValues.filter((v) => v.indicatorId === indicatorId && yearOfPeriod(v.period) === year).at(-1);
}

/** The latest reading for a year up to `year`: a later year's value never shows in an earlier status. */
export function latestReadingUpTo(ctx: StatusContext, indicatorId: string, year: number): IndicatorReading | undefined {
  return ctx.indicatorValues
    .filter((v) => v.indicatorId === indicatorId && yearOfPeriod(v.period) <= year)
    .sort((a, b) => yearOfPeriod(a.period) - yearOfPeriod(b.period))
    .at(-1);
}

const counterOf = { participants: 'headcount', newParticipants: 'new', sessions: 'sessions', events: 'sessions', volunteers: 'volunteers' } as const;
export type CountedOf = keyof typeof counterOf;

/** The rollup counter for a count, narrowed to an age band or a kind of session. */
export function counterFor(of: CountedOf, filter: { ageBand?: string; sessionKind?: string } = {}): string {
  if (filter.ageBand && of === 'participants') return `age:${filter.ageBand}`;
  return filter.sessionKind ? `${counterOf[of]}@${filter.sessionKind}` : counterOf[of];
}

const activityScopes = (ids: string[]) => ids.map((id) => `activity:${id}`);

/** Referral scopes for the activities given, or every source (partners too) for the whole plan. */
function referralScopes(ctx: StatusContext, ids: string[] | undefined): string[] {
  return ids ? ids.map((id) => `referrals:${id}`) : ctx.idx.scopes('referrals:');
}

/**
 * One figure over a date range (already ending today at the latest), or undefined when nothing
 * was logged for it: a 0 from an empty logbook is no evidence of being behind. `cohort` counts
 * referrals by the month they were made, for funnels.
 */
export function measureValue(ctx: StatusContext, measure: Measure, holder: TargetHolder, range: DateRange, cohort = false): number | undefined {
  const { idx } = ctx;
  if (range.to < range.from) return undefined;
  const activities = 'activities' in measure && measure.activities ? measure.activities : holder.activityIds;
  switch (measure.of) {
    case 'participants':
    case 'newParticipants':
    case 'sessions':
    case 'events':
    case 'volunteers': {
      const scopes = activityScopes(activities);
      if (!idx.sumAll(scopes, 'sessions', range.from, range.to)) return undefined;
      return idx.sumAll(scopes, counterFor(measure.of, measure.ageBand ? { ageBand: measure.ageBand } : {}), range.from, range.to);
    }
    case 'uniquePeople':
      return idx.distinctPeople(activityScopes(activities), range.from, range.to) || undefined;
    case 'referrals': {
      const dest = measure.toOffer ? `:offer-${measure.toOffer}` : '';
      const counter = `${cohort ? 'cohort' : 'reached'}:${measure.reaching}${dest}`;
      // A goal's referrals without named activities are the whole plan's, partners' included.
      const explicit = measure.activities ?? (holder.kind === 'activity' ? [holder.id] : undefined);
      const scopes = referralScopes(ctx, explicit);
      const sum = (name: string) => scopes.reduce((n, scope) => n + idx.sumMonths(scope, name, range.from, range.to), 0);
      const value = sum(counter);
      // Nothing referred and nothing moved on in the period: nobody has logged referrals here.
      return value || sum('reached:referred') || sum('cohort:referred') ? value : undefined;
    }
    case 'outcomes': {
      const scopes = activityScopes(activities);
      return idx.sumAll(scopes, 'outcomes', range.from, range.to) ? idx.sumAll(scopes, `outcome:${measure.outcome}`, range.from, range.to) : undefined;
    }
    case 'meetings':
      return idx.sum(`network:${measure.network}`, 'meetings', range.from, range.to) || undefined;
    case 'indicator':
      return readingFor(ctx, measure.indicator, Number(range.to.slice(0, 4)))?.value;
  }
}

/** Whether a measure counts people or visits (shown whole) rather than a rate or an indicator value. */
export function isWholeMeasure(measure: Measure): boolean {
  return measure.of !== 'indicator';
}
