import type { Amount } from '../plan/schema';

export type Judgement = 'ahead' | 'onTrack' | 'behind' | 'noData';

// "ca. 400" is met within ten per cent either way.
const APPROX_TOLERANCE = 0.1;

/**
 * Judges a figure against a target scaled to the share of its period that has passed, so a
 * yearly "mindst 40" is on track at 20 by 1 July. Averages are not scaled (share = 1).
 */
export function judge(actual: number | undefined, amount: Amount, elapsedShare = 1): Judgement {
  if (actual === undefined) return 'noData';
  const share = Math.min(Math.max(elapsedShare, 0), 1);
  if (amount.approx !== undefined) {
    const expected = amount.approx * share;
    if (actual < expected * (1 - APPROX_TOLERANCE)) return 'behind';
    if (actual > expected * (1 + APPROX_TOLERANCE)) return 'ahead';
    return 'onTrack';
  }
  if (amount.min !== undefined && actual < amount.min * share) return 'behind';
  if (amount.max !== undefined && actual > amount.max * share) return 'ahead';
  // Reaching the whole period's minimum before the period ends is ahead of plan.
  if (amount.max === undefined && amount.min !== undefined && share < 1 && actual >= amount.min && amount.min > 0) return 'ahead';
  return 'onTrack';
}

/** "mindst 40", "højst 5", "100–130", "ca. 400" in Danish or English. */
export function describeAmount(amount: Amount, words: { atLeast: string; atMost: string; about: string }): string {
  const n = (v: number) => v.toLocaleString('da-DK');
  if (amount.approx !== undefined) return `${words.about} ${n(amount.approx)}`;
  if (amount.min !== undefined && amount.max !== undefined) return `${n(amount.min)}–${n(amount.max)}`;
  if (amount.min !== undefined) return `${words.atLeast} ${n(amount.min)}`;
  return `${words.atMost} ${n(amount.max ?? 0)}`;
}
