import { createHash } from 'node:crypto';
import type { DateRange, IsoDate } from '../domain/calendar';
import type { Plan } from '../domain/plan/schema';
import { edgeMonths, planStatusAndNeeds, rollupMonthsNeeded, type PlanStatus, type PlanStatusInputs, type StatusScope } from '../domain/status/planStatus';
import { keptByEverySummary, keptFiguresFrom, referralPairsOf } from '../domain/status/keptFigures';
import { codeSeriesFromSummary, rollupsFromSummary, type SummaryDoc, type SummaryYear } from '../domain/status/summary';
import type { Repositories, SummaryRead } from './ports';

type OtherInputs = Omit<PlanStatusInputs, 'plan' | 'scope' | 'period' | 'today' | 'rollups' | 'detail'>;

/** Detail is never asked for twice, so a status converges in a round or two; this is the backstop. */
const MAX_ROUNDS = 3;

const yearsOf = (from: string, to: string) => Array.from({ length: Number(to.slice(0, 4)) - Number(from.slice(0, 4)) + 1 }, (_, i) => String(Number(from.slice(0, 4)) + i));

/** What has been read, and what to read next: a need (`year:2024`, `day:2025-12`, `codes:2025`, `referrals:2025`) not yet read. */
class Reading {
  readonly loaded = { years: new Set<string>(), dayMonths: new Set<string>(), codeYears: new Set<string>(), referralYears: new Set<string>() };
  private next: SummaryRead = { years: [], dayMonths: [], codeYears: [], referralYears: [] };

  need(what: string): void {
    const [kind, when] = what.split(':') as [string, string];
    const key = ({ year: 'years', day: 'dayMonths', codes: 'codeYears', referrals: 'referralYears' } as const)[kind as 'year'];
    if (!key || this.loaded[key].has(when)) return;
    this.loaded[key].add(when);
    this.next[key].push(when);
  }

  take(): SummaryRead {
    const out = this.next;
    this.next = { years: [], dayMonths: [], codeYears: [], referralYears: [] };
    return out;
  }
}

/**
 * A dry run costs a whole computation; what it names depends on the plan's targets, activities
 * and networks (not its people, whose roster makes each read of the plan a new object), the scope,
 * the period and the day. Kept per instance, the most recent first out.
 */
const dryRuns = new Map<string, string[]>();
const DRY_RUNS_KEPT = 256;

function dryRunNeeds(plan: Plan, question: string, run: () => Set<string>): string[] {
  const shape = createHash('sha1')
    .update(JSON.stringify([plan.id, plan.period, plan.focusAreas, plan.activities, plan.networks.map((n) => [n.id, n.activity]), plan.offers]))
    .digest('base64');
  const key = `${shape} ${question}`;
  let needs = dryRuns.get(key);
  if (!needs) {
    needs = [...run()];
    if (dryRuns.size >= DRY_RUNS_KEPT) dryRuns.delete(dryRuns.keys().next().value!);
    dryRuns.set(key, needs);
  }
  return needs;
}

/**
 * Summaries written before they kept figures of their detail, or keeping other referral pairs than
 * the plan's targets now name (a new plan file), are brought up to date after this status, which
 * reads the detail meanwhile.
 */
function keepEnough(repos: Repositories, plan: Plan, docs: SummaryDoc[]): void {
  const pairs = referralPairsOf(plan);
  const behind = docs.filter((d): d is SummaryYear => d.type === 'summary' && (d.ps === undefined || d.rs === undefined || pairs.some((p) => !d.tp?.[p])));
  // Pairs are added, never dropped: instances reading two versions of the plan file a moment apart do not undo each other.
  // Not waited for; should it fail, the next status reads the detail again and asks again.
  for (const d of behind) repos.rollups.keepFigures(plan.id, [d.year], [...new Set([...Object.keys(d.tp ?? {}), ...pairs])]).catch(() => undefined);
}

/**
 * A status from the yearly summaries, reading detail only where the figures need it. First read:
 * the summaries of the period's years, the day counters of the months it starts or ends inside,
 * and what a dry run over no data names (an earlier year for a cohort or the whole plan, a
 * year's participant codes, its referrals per offer). Then the computation itself names anything
 * else it wanted and did not have (the month of a latest session), which is read and computed
 * again. Each figure is the one a read of everything gives.
 */
export async function statusFromSummary(repos: Repositories, plan: Plan, scope: StatusScope, period: DateRange, today: IsoDate, othersRead: Promise<OtherInputs>): Promise<{ status: PlanStatus; docs: SummaryDoc[] }> {
  const months = rollupMonthsNeeded(plan, period);
  const reading = new Reading();
  for (const year of yearsOf(period.from < months.from ? months.from : period.from, months.to)) reading.need(`year:${year}`);
  for (const month of edgeMonths(plan, period)) if (month >= months.from && month <= months.to) reading.need(`day:${month}`);
  const compute = (docs: SummaryDoc[], others: OtherInputs = {}, kept = keptFiguresFrom(docs)) =>
    planStatusAndNeeds({ plan, scope, period, today, rollups: rollupsFromSummary(plan.id, docs, months.from, months.to, false), codeSeries: codeSeriesFromSummary(docs, months.from, months.to), detail: reading.loaded, kept, ...others });
  // Over no data, as if every summary kept its figures: a year's codes or referrals per destination are named only where none would do.
  const everyYear = yearsOf(months.from < plan.period.start ? months.from : plan.period.start, months.to > plan.period.end ? months.to : plan.period.end);
  for (const need of dryRunNeeds(plan, `${JSON.stringify(scope)} ${period.from} ${period.to} ${today}`, () => compute([], {}, keptByEverySummary(plan, everyYear)).missing)) if (!need.startsWith('day:')) reading.need(need);
  const [docs, others] = await Promise.all([repos.rollups.read(plan.id, reading.take()), othersRead]);
  keepEnough(repos, plan, docs);
  for (let round = 0; ; round++) {
    const { status, missing } = compute(docs, others);
    if (!missing.size) return { status, docs };
    if (round === MAX_ROUNDS) {
      // Not expected; never show a figure computed without its detail.
      const rollups = await repos.rollups.inRange(plan.id, months.from, months.to);
      return { status: planStatusAndNeeds({ plan, scope, period, today, rollups, ...others }).status, docs };
    }
    for (const need of missing) reading.need(need);
    docs.push(...(await repos.rollups.read(plan.id, reading.take())));
  }
}
