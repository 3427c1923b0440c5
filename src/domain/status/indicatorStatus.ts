import type { Indicator } from '../plan/schema';
import type { Judgement } from './judge';
import type { IndicatorReading } from './measures';

/** A population indicator against its baseline and direction, from the latest value entered. */
export function indicatorJudgement(indicator: Indicator, latest: IndicatorReading | undefined): Judgement {
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
      // The comparison group's level that year when entered, else the plan's.
      const level = latest.comparison ?? indicator.baseline.comparison?.value ?? indicator.target;
      if (level === undefined || level === null) return 'noData';
      if (Math.abs(v - level) <= Math.abs(level) * 0.01) return 'ahead';
      return Math.abs(v - level) < Math.abs(baseline - level) ? 'onTrack' : 'behind';
    }
  }
}
