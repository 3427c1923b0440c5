import type { Clock } from '../domain/clock';
import type { DateRange } from '../domain/calendar';
import { planTargets } from '../domain/plan/planTargets';
import type { Plan } from '../domain/plan/schema';
import { milestoneTimeline, type TimelineEntry } from '../domain/status/milestoneTimeline';
import { planStatus, type PlanStatus, type StatusScope } from '../domain/status/planStatus';
import { referralFunnels, type OfferFunnel } from '../domain/status/referralFunnel';
import { normalise, parsePeriod } from '../domain/status/statusQuery';
import { targetSeries, type TargetSeries } from '../domain/status/targetSeries';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';
import { loadStatusInputs } from './statusInputs';

export interface DashboardRequest {
  /** `plan`, `focusArea:<id>`, `activity:<id>` or `network:<id>`; empty = the whole plan. */
  scope?: string;
  /** A period as the status command reads it: `2025`, `sidste kvartal`, `siden 1. september`. */
  period?: string;
}

export interface Dashboard {
  kind: 'dashboard';
  plan: Plan;
  scope: StatusScope;
  scopeName?: string;
  period: DateRange;
  periodLabel: string;
  status: PlanStatus;
  /** Month by month, for every target of a focus area, activity or network (the whole plan shows its focus areas). */
  series: TargetSeries[];
  funnels: OfferFunnel[];
  timeline: TimelineEntry[];
  /** The years a yearly report can be made for: the plan's, up to this one. */
  reportYears: number[];
}

export type DashboardResult = Denied | Dashboard | { kind: 'unknownScope' } | { kind: 'badPeriod'; text: string };

/** The scope a request names, if the plan has it. */
export function scopeOf(plan: Plan, text: string | undefined): { scope: StatusScope; name?: string } | undefined {
  if (!text || text === 'plan') return { scope: { kind: 'plan' } };
  const [kind, id] = text.split(':', 2);
  const lists = { focusArea: plan.focusAreas, activity: plan.activities, network: plan.networks } as const;
  if (!id || !(kind === 'focusArea' || kind === 'activity' || kind === 'network')) return undefined;
  const found = (lists[kind] as readonly { id: string; name: string }[]).find((x) => x.id === id);
  return found ? { scope: { kind, id }, name: found.name } : undefined;
}

/**
 * The leaders' view of a scope and period: the same status the card shows (planStatus over the
 * same rollups), with each target month by month, the referral funnel per offer and the
 * milestone timeline. Coordinators and leaders only, as status in the chat.
 */
export async function getDashboard(repos: Repositories, clock: Clock, aadObjectId: string | undefined, request: DashboardRequest): Promise<DashboardResult> {
  const member = await authorize(repos, clock, aadObjectId, 'viewStatus');
  if (isDenied(member)) return member;
  const { plan, today } = member;
  const named = scopeOf(plan, request.scope);
  if (!named) return { kind: 'unknownScope' };
  const text = (request.period ?? '').trim().slice(0, 80);
  const found = parsePeriod(normalise(text), today, plan);
  if (text && found.rest.trim()) return { kind: 'badPeriod', text };
  const inputs = await loadStatusInputs(repos, plan, found.period);
  const status = planStatus({ plan, scope: named.scope, period: found.period, today, ...inputs });
  const keys = new Set(status.targets.map((t) => t.key));
  const series =
    named.scope.kind === 'plan'
      ? []
      : planTargets(plan)
          .filter((pt) => keys.has(pt.key))
          .map((pt) => targetSeries({ plan, period: found.period, today, rollups: inputs.rollups, indicatorValues: inputs.indicatorValues, reportedFigures: inputs.reportedFigures }, pt));
  const activityIds = named.scope.kind === 'plan' ? undefined : status.figures.map((f) => f.activity.id);
  const firstYear = Number(plan.period.start.slice(0, 4));
  const lastYear = Math.min(Number(plan.period.end.slice(0, 4)), Number(today.slice(0, 4)));
  return {
    kind: 'dashboard',
    plan,
    scope: named.scope,
    ...(named.name ? { scopeName: named.name } : {}),
    period: status.period,
    periodLabel: found.label,
    status,
    series,
    funnels: referralFunnels(plan, inputs.rollups, found.period, today, activityIds),
    timeline: milestoneTimeline(plan, status.period, today, inputs.milestoneStates, activityIds),
    reportYears: Array.from({ length: Math.max(0, lastYear - firstYear + 1) }, (_, i) => firstYear + i),
  };
}
