import type { Clock } from '../domain/clock';
import type { Plan } from '../domain/plan/schema';
import { answerCount } from '../domain/status/countQuery';
import { planStatus, type MilestoneSummary, type PlanStatus, type TargetStatus } from '../domain/status/planStatus';
import { parseStatusQuery, type StatusQuery } from '../domain/status/statusQuery';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';
import { statusFromSummary } from './statusFromSummary';
import { loadOtherInputs, loadStatusInputs } from './statusInputs';

export type StatusResult =
  | Denied
  | { kind: 'status'; plan: Plan; query: Extract<StatusQuery, { kind: 'status' }>; status: PlanStatus }
  | { kind: 'count'; plan: Plan; query: Extract<StatusQuery, { kind: 'count' }>; value: number; target?: TargetStatus }
  | { kind: 'overdueMilestones'; plan: Plan; milestones: MilestoneSummary }
  | { kind: 'unknownScope'; text: string };

/**
 * Answers a leader's question from the rollups: a status card for a scope and period, one
 * number, or the overdue milestones. A status card reads the yearly summaries and the detail its
 * figures need (usecases/statusFromSummary.ts), never the records, so it costs the same after
 * one year of logs as after a hundred.
 */
export async function getStatus(repos: Repositories, clock: Clock, aadObjectId: string | undefined, text = 'status'): Promise<StatusResult> {
  const member = await authorize(repos, clock, aadObjectId, 'viewStatus');
  if (isDenied(member)) return member;
  const { plan, today } = member;
  const query = parseStatusQuery(text, plan, today);
  if (query.kind === 'unknownScope') return query;
  if (query.kind === 'status') {
    // The status card: the yearly summaries and only the detail its figures need.
    const { status } = await statusFromSummary(repos, plan, query.scope, query.period, today, loadOtherInputs(repos, plan));
    return { kind: 'status', plan, query, status };
  }
  const period = query.kind === 'overdueMilestones' ? { from: today, to: today } : query.period;
  const inputs = await loadStatusInputs(repos, plan, period, { rollups: query.kind !== 'overdueMilestones' });
  const scope = query.kind === 'overdueMilestones' ? { kind: 'plan' as const } : query.scope;
  const status = planStatus({ plan, scope, period, today, ...inputs });
  switch (query.kind) {
    case 'overdueMilestones':
      return { kind: 'overdueMilestones', plan, milestones: status.milestones };
    case 'count': {
      const answer = answerCount(plan, query, inputs.rollups, today, status.targets);
      return { kind: 'count', plan, query, ...answer };
    }
  }
}
