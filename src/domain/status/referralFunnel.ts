import { intersect, type DateRange, type IsoDate } from '../calendar';
import type { TargetHolder } from '../plan/planTargets';
import type { Plan } from '../plan/schema';
import { measureValue } from './measures';
import { RollupIndex } from './rollupIndex';
import { referralPath, type ReferralLevel, type Rollup } from './rollups';

/**
 * The referral funnel per offer, henvist → startet → fastholdt → afsluttet: how many referrals
 * reached each step in the period, counted by the same measure a `referrals` target uses.
 */
export interface OfferFunnel {
  offerId: string;
  name: string;
  steps: { step: ReferralLevel; value: number }[];
}

/** `activityIds`: the sources (a focus area's or an activity's); undefined = every source of the plan, partners' too. */
export function referralFunnels(plan: Plan, rollups: Rollup[], period: DateRange, today: IsoDate, activityIds?: string[]): OfferFunnel[] {
  const window = intersect(period, { from: plan.period.start, to: plan.period.end }) ?? period;
  const range = { from: window.from, to: today < window.to ? today : window.to };
  const ctx = { plan, idx: new RollupIndex(rollups), today, indicatorValues: [] };
  // A goal holder without activities stands for the whole plan in measureValue.
  const holder: TargetHolder = { kind: 'goal', id: 'funnel', name: '', focusAreaIds: [], activityIds: activityIds ?? [] };
  const out: OfferFunnel[] = [];
  for (const offer of plan.offers) {
    const steps = referralPath.map((step) => ({
      step,
      value: measureValue(ctx, { of: 'referrals', reaching: step, toOffer: offer.id, ...(activityIds ? { activities: activityIds } : {}) }, holder, range) ?? 0,
    }));
    if (steps.some((s) => s.value > 0)) out.push({ offerId: offer.id, name: offer.name, steps });
  }
  return out;
}
