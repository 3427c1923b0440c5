import type { DateRange } from '../domain/calendar';
import type { Plan } from '../domain/plan/schema';
import { rollupMonthsNeeded, type PlanStatusInputs } from '../domain/status/planStatus';
import type { Repositories } from './ports';

export type StatusInputs = Required<Pick<PlanStatusInputs, 'rollups' | 'indicatorValues' | 'reportedFigures' | 'milestoneStates'>>;

/**
 * Everything planStatus reads for a period, fetched once: the rollups of the months it needs,
 * the indicator values, the partners' figures and the milestone states. The status card, the
 * dashboard and the yearly report all read through here, so they cannot count differently.
 */
export async function loadStatusInputs(repos: Repositories, plan: Plan, period: DateRange, options: { rollups?: boolean } = {}): Promise<StatusInputs> {
  const months = rollupMonthsNeeded(plan, period);
  const [rollups, others] = await Promise.all([options.rollups === false ? Promise.resolve([]) : repos.rollups.inRange(plan.id, months.from, months.to), loadOtherInputs(repos, plan)]);
  return { rollups, ...others };
}

/** Everything but the rollups: indicator values, partners' figures, milestone states. */
export async function loadOtherInputs(repos: Repositories, plan: Plan): Promise<Omit<StatusInputs, 'rollups'>> {
  const [indicatorValues, reportedFigures, milestoneStates] = await Promise.all([repos.indicators.list(plan.id), repos.indicators.listReported(plan.id), repos.schedule.milestoneStates(plan.id)]);
  return { indicatorValues, reportedFigures, milestoneStates: milestoneStates.map((s) => s.record) };
}
