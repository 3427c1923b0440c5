import type { Amount } from '../plan/schema';

/** `inactive`: the target does not apply in the period asked about (a year it is not active). */
export type Judgement = 'ahead' | 'onTrack' | 'behind' | 'noData' | 'inactive';

export const judgements: readonly Judgement[] = ['onTrack', 'behind', 'ahead', 'noData', 'inactive'];

// "ca. 400" is met within ten per cent either way.
const APPROX_TOLERANCE = 0.1;

/**
 * Judges a figure against a target for a period, where `elapsedShare` of the period has passed,
 * so a yearly "mindst 40" is on track at 20 by 1 July. Averages and shares are not scaled
 * (share = 1). The amount's shape says what is good:
 * - "mindst 40" (min): behind below the prorated 40; ahead once the whole 40 is reached early.
 * - "højst 5" (max alone) is a ceiling: over the prorated 5 is behind, anything under on track.
 * - "100–130" (min and max): behind below the prorated 100; inside the range on track; over the
 *   whole 130 ahead. Reaching the range early is on track, never "200 %".
 * - "ca. 400" (approx): on track within ten per cent of the prorated 400.
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
  const { min, max } = amount;
  if (min === undefined && max !== undefined) return actual > max * share ? 'behind' : 'onTrack';
  if (min !== undefined && actual < min * share) return 'behind';
  if (max !== undefined) return actual > max ? 'ahead' : 'onTrack';
  // Reaching the whole period's minimum before the period ends is ahead of plan.
  if (min !== undefined && min > 0 && share < 1 && actual >= min) return 'ahead';
  return 'onTrack';
}

/** "mindst 40", "højst 5", "100–130", "ca. 400" in Danish or English; `whole` rounds people to whole ones. */
export function describeAmount(amount: Amount, words: { atLeast: string; atMost: string; about: string }, whole = false, format = (v: number) => v.toLocaleString('da-DK')): string {
  const w = wholeAmount(amount, whole);
  if (w.approx !== undefined) return `${words.about} ${format(w.approx)}`;
  if (w.min !== undefined && w.max !== undefined) return `${format(w.min)}–${format(w.max)}`;
  if (w.min !== undefined) return `${words.atLeast} ${format(w.min)}`;
  return `${words.atMost} ${format(w.max ?? 0)}`;
}

/**
 * People and visits come whole: a prorated "mindst 18,9 børn" is shown as "mindst 19", a
 * "højst 7,4" as "højst 7". Judging uses the exact figure; only what is shown is rounded.
 */
export function wholeAmount(amount: Amount, whole: boolean): Amount {
  if (!whole) return amount;
  const out: Amount = {};
  if (amount.min !== undefined) out.min = Math.ceil(amount.min - 1e-9);
  if (amount.max !== undefined) out.max = Math.floor(amount.max + 1e-9);
  if (amount.approx !== undefined) out.approx = Math.round(amount.approx);
  if (out.min !== undefined && out.max !== undefined && out.max < out.min) out.max = out.min;
  return out;
}
