import type { Clock } from '../domain/clock';
import { planTargets } from '../domain/plan/planTargets';
import type { Plan } from '../domain/plan/schema';
import type { MilestoneState } from '../domain/reminders/scheduleState';
import { milestoneTimeline, type TimelineEntry } from '../domain/status/milestoneTimeline';
import { planStatus, type PlanStatus } from '../domain/status/planStatus';
import { targetSeries, type TargetSeries } from '../domain/status/targetSeries';
import { authorize, isDenied, type Denied } from './authorize';
import type { Repositories } from './ports';
import { loadStatusInputs } from './statusInputs';

export interface MilestoneMove {
  from: string;
  to: string;
  reason: string;
}

export interface YearlyReport {
  kind: 'yearlyReport';
  plan: Plan;
  year: number;
  today: string;
  /** The whole plan's status for the calendar year: the figures of `status <year>`. */
  status: PlanStatus;
  series: Map<string, TargetSeries>;
  reached: TimelineEntry[];
  moved: { entry: TimelineEntry; moves: MilestoneMove[] }[];
  overdue: TimelineEntry[];
  notReached: TimelineEntry[];
}

export type YearlyReportResult = Denied | YearlyReport | { kind: 'badYear'; from: number; to: number };

/** Every move of a milestone, in order, from the audit log: the dates and the reason given each time. */
async function movesOf(repos: Repositories, plan: Plan, entry: TimelineEntry): Promise<MilestoneMove[]> {
  const log = await repos.audit.listForRecord(plan.id, entry.id);
  const moves: MilestoneMove[] = [];
  for (const e of [...log].sort((a, b) => a.at.localeCompare(b.at))) {
    const before = (e.before as Partial<MilestoneState> | undefined)?.movedTo;
    const after = (e.after as Partial<MilestoneState> | undefined)?.movedTo;
    if (!after || after.date === before?.date) continue;
    moves.push({ from: before?.date ?? entry.plannedDue, to: after.date, reason: after.reason });
  }
  return moves;
}

/**
 * The year's report to the board and Landsbyggefonden: the whole plan's status for the calendar
 * year (the same planStatus as `status <year>`), each target month by month, and the milestones
 * reached, moved (with the reasons from the audit log) and overdue. Coordinators and leaders.
 */
export async function getYearlyReport(repos: Repositories, clock: Clock, aadObjectId: string | undefined, year: number): Promise<YearlyReportResult> {
  const member = await authorize(repos, clock, aadObjectId, 'viewStatus');
  if (isDenied(member)) return member;
  const { plan, today } = member;
  const first = Number(plan.period.start.slice(0, 4));
  const last = Number(plan.period.end.slice(0, 4));
  if (!Number.isInteger(year) || year < first || year > last || `${year}-01-01` > today) return { kind: 'badYear', from: first, to: last };
  const period = { from: `${year}-01-01`, to: `${year}-12-31` };
  const inputs = await loadStatusInputs(repos, plan, period);
  const status = planStatus({ plan, scope: { kind: 'plan' }, period, today, ...inputs });
  const seriesInputs = { plan, period, today, rollups: inputs.rollups, indicatorValues: inputs.indicatorValues, reportedFigures: inputs.reportedFigures };
  const series = new Map(planTargets(plan).map((pt) => [pt.key, targetSeries(seriesInputs, pt)]));
  const timeline = milestoneTimeline(plan, status.period, today, inputs.milestoneStates);
  const moved = await Promise.all(timeline.filter((e) => e.moved).map(async (entry) => ({ entry, moves: await movesOf(repos, plan, entry) })));
  return {
    kind: 'yearlyReport',
    plan,
    year,
    today,
    status,
    series,
    reached: timeline.filter((e) => e.mark === 'done'),
    moved,
    overdue: timeline.filter((e) => e.mark === 'overdue'),
    notReached: timeline.filter((e) => e.mark === 'notReached'),
  };
}
