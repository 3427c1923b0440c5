import type { DateRange, IsoDate } from '../domain/calendar';
import type { Plan } from '../domain/plan/schema';
import { edgeMonths, planStatusAndNeeds, rollupMonthsNeeded, type PlanStatus, type PlanStatusInputs, type StatusScope } from '../domain/status/planStatus';
import { rollupsFromSummary, type SummaryDoc } from '../domain/status/summary';
import type { Repositories } from './ports';

type OtherInputs = Omit<PlanStatusInputs, 'plan' | 'scope' | 'period' | 'today' | 'rollups' | 'detail'>;

/** Detail never asked for twice: a status converges in at most this many extra rounds. */
const MAX_ROUNDS = 3;

const yearsOf = (from: string, to: string) => Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => String(Number(from.slice(0, 4)) + i));

/**
 * A status from the yearly summaries, reading detail only where the figures need it: the day
 * counters of the months the period starts or ends inside (known beforehand), and whatever else
 * the computation reports missing (participant codes for distinct people, referrals to one offer,
 * the month of a latest session), read and computed again. A status without targets on distinct people reads the
 * summaries of its years and at most two months' days.
 */
export async function statusFromSummary(repos: Repositories, plan: Plan, scope: StatusScope, period: DateRange, today: IsoDate, othersRead: Promise<OtherInputs>): Promise<{ status: PlanStatus; docs: SummaryDoc[] }> {
  const months = rollupMonthsNeeded(plan, period);
  const dayMonths = new Set(edgeMonths(plan, period, today).filter((m) => m >= months.from && m <= months.to));
  const codeYears = new Set<string>();
  const referralYears = new Set<string>();
  // The period's own years first; a target looking further back (a cohort, a baseline, the whole plan) asks for more.
  const years = new Set(yearsOf(period.from < months.from ? months.from : period.from, months.to));
  const [docs, others] = await Promise.all([repos.rollups.read(plan.id, { years: [...years], dayMonths: [...dayMonths], codeYears: [], referralYears: [] }), othersRead]);
  for (let round = 0; ; round++) {
    const rollups = rollupsFromSummary(plan.id, docs, months.from, months.to);
    const { status, missing } = planStatusAndNeeds({ plan, scope, period, today, rollups, detail: { years, dayMonths, codeYears, referralYears }, ...others });
    if (!missing.size) return { status, docs };
    if (round === MAX_ROUNDS) {
      // Not expected (each round reads what the last one missed); never show a figure without its detail.
      const rollups = await repos.rollups.inRange(plan.id, months.from, months.to);
      return { status: planStatusAndNeeds({ plan, scope, period, today, rollups, ...others }).status, docs };
    }
    const more = { years: [] as string[], dayMonths: [] as string[], codeYears: [] as string[], referralYears: [] as string[] };
    for (const need of missing) {
      const [kind, when] = need.split(':') as [string, string];
      const [list, seen] = ({ year: [more.years, years], day: [more.dayMonths, dayMonths], codes: [more.codeYears, codeYears] } as const)[kind as 'year'] ?? [more.referralYears, referralYears];
      if (!seen.has(when)) list.push(when);
      seen.add(when);
    }
    docs.push(...(await repos.rollups.read(plan.id, more)));
  }
}
