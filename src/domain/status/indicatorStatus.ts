import type { Indicator } from '../plan/schema';
import type { Judgement } from './judge';
import { yearOfPeriod, type IndicatorReading } from './measures';

/** Whether higher values are the good ones: from `better`, else from the direction or the gap to the comparison. */
export function higherIsBetter(indicator: Indicator, baseline: number, level: number | undefined): boolean {
  if (indicator.better) return indicator.better === 'higher';
  if (indicator.direction === 'rises') return true;
  if (indicator.direction === 'falls') return false;
  return level !== undefined ? baseline < level : true;
}

/** Where a value should be by a year, on a straight line from the baseline to the target in its year. */
function expectedBy(indicator: Indicator, baseline: number, year: number): number | undefined {
  if (indicator.target === undefined || indicator.targetYear === undefined || !indicator.baseline.year) return undefined;
  const y0 = yearOfPeriod(indicator.baseline.year);
  if (indicator.targetYear <= y0) return indicator.target;
  const progress = Math.min(1, Math.max(0, (year - y0) / (indicator.targetYear - y0)));
  return baseline + (indicator.target - baseline) * progress;
}

/**
 * A population indicator against its baseline and direction, from the latest value entered up to
 * the period asked about. With a target year, the value is judged against the straight line to it.
 */
export function indicatorJudgement(indicator: Indicator, latest: IndicatorReading | undefined): Judgement {
  const baseline = indicator.baseline.value;
  if (!latest || baseline === null) return 'noData';
  const v = latest.value;
  // "Følges": there is nothing to be behind on once a value is entered.
  if (indicator.direction === 'watch') return 'onTrack';
  const level = indicator.direction === 'toComparisonLevel' ? (latest.comparison ?? indicator.baseline.comparison?.value ?? indicator.target ?? undefined) : undefined;
  const up = higherIsBetter(indicator, baseline, level);
  const atLeast = (a: number, b: number) => (up ? a >= b : a <= b);
  const expected = expectedBy(indicator, baseline, yearOfPeriod(latest.period));
  if (indicator.target !== undefined && atLeast(v, indicator.target)) return 'ahead';
  if (expected !== undefined) return atLeast(v, expected) ? 'onTrack' : 'behind';
  switch (indicator.direction) {
    case 'falls':
    case 'rises':
      return v !== baseline && atLeast(v, baseline) ? 'onTrack' : 'behind';
    case 'holds':
      // "fastholdes": within five per cent of the baseline, or better.
      return Math.abs(v - baseline) <= Math.abs(baseline) * 0.05 || atLeast(v, baseline) ? 'onTrack' : 'behind';
    case 'toComparisonLevel': {
      if (level === undefined) return 'noData';
      // At the comparison group's level (within one per cent of it) or beyond it in the good direction.
      if (atLeast(v, level) || Math.abs(v - level) <= Math.abs(level) * 0.01) return 'ahead';
      return Math.abs(v - level) < Math.abs(baseline - level) ? 'onTrack' : 'behind';
    }
  }
}
