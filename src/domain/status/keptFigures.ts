import { planTargets } from '../plan/planTargets';
import type { Plan } from '../plan/schema';
import { referralPath } from './rollups';
import { longCounter, longScope, shortCounter, shortScope, summaryYearId, type SummaryPeople, type SummaryReferrals, type SummaryWrite, type SummaryYear } from './summary';

/**
 * Figures the yearly summary keeps beside its counters, so a whole-plan status needs neither the
 * year's participant codes nor its referral counters per destination (each grows past the rest of
 * the summary). Both are functions of a detail document, kept exact as it changes:
 *
 * - `u`, per activity scope and month: the people first seen this year (`<scope>|f`) and the
 *   people present (`<scope>|p`), from the participant codes (`summary-people`). The distinct
 *   people of one activity from January to any month are the sum of `f`; of one month, `p`.
 * - `t`, the referral counters of the source–destination pairs the plan's targets name (`tp`
 *   lists them), copied from `summary-referrals`.
 *
 * Every patch of a detail document increments its `n`, so its response (the document after the
 * patch) tells the writer both the document's state after its own change and that change's place
 * in order. The writer adds what its change did to the kept figures, on the condition that the
 * summary's figures were taken from an earlier state (`ps` / `rs` below its `n`). Taking them again
 * (`keptFiguresOf`) reads the summary first and writes under its ETag, so a change either is in
 * the state it reads or arrives after it. Pure.
 */
export interface KeptFigures {
  u: Record<string, number[]>;
  ps: number;
  t: Record<string, number[]>;
  tp: Record<string, 1>;
  rs: number;
}

const zeros = () => new Array<number>(12).fill(0);
const firstMonth = (months: number[]) => months.findIndex((n) => n !== 0);
const destinationCounters = (dest: string) => [...referralPath.flatMap((level) => [`reached:${level}:${dest}`, `cohort:${level}:${dest}`]), `ended:${dest}`];

/** A referral counter's destination (`reached:started:offer-x` → `offer-x`), if it has one. */
export function destinationOf(counter: string): string | undefined {
  return /^(?:reached|cohort):[a-z]+:(.+)$/.exec(counter)?.[1] ?? /^ended:(.+)$/.exec(counter)?.[1];
}

/** A pair as the summary names it: `<short scope>|<destination>`. */
const pairKey = (scope: string, dest: string) => `${shortScope(scope)}|${dest}`;

/**
 * The referral sources and destinations the plan's targets count (`r:<activity>|offer-<id>`):
 * every referral measure that names an offer and whose sources are known from the plan. One
 * without named activities, held by a goal, counts every source (partners too), so it is read
 * from the detail.
 */
export function referralPairsOf(plan: Plan): string[] {
  const pairs = new Set<string>();
  const visit = (node: unknown, holder: { kind: string; id: string }): void => {
    if (Array.isArray(node)) return node.forEach((n) => visit(n, holder));
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if ((o.of === 'referrals' || o.kind === 'referrals') && typeof o.toOffer === 'string') {
      const sources = Array.isArray(o.activities) ? (o.activities as string[]) : holder.kind === 'activity' ? [holder.id] : [];
      for (const source of sources) pairs.add(pairKey(`referrals:${source}`, `offer-${o.toOffer}`));
    }
    for (const value of Object.values(o)) visit(value, holder);
  };
  for (const { target, holder } of planTargets(plan)) visit(target, holder);
  return [...pairs].sort();
}

/** The kept figures of a year, taken from its detail documents (absent: nothing logged there yet). */
export function keptFiguresOf(people: SummaryPeople | undefined, referrals: SummaryReferrals | undefined, pairs: Iterable<string>): KeptFigures {
  const u: Record<string, number[]> = {};
  for (const [key, months] of Object.entries(people?.p ?? {})) {
    const scope = key.slice(0, key.indexOf('|'));
    const first = firstMonth(months);
    if (first < 0) continue;
    (u[`${scope}|f`] ??= zeros())[first]! += 1;
    const present = (u[`${scope}|p`] ??= zeros());
    months.forEach((n, i) => n !== 0 && (present[i]! += 1));
  }
  const t: Record<string, number[]> = {};
  const tp: Record<string, 1> = {};
  for (const pair of pairs) {
    const bar = pair.indexOf('|');
    const [scope, dest] = [pair.slice(0, bar), pair.slice(bar + 1)];
    tp[pair] = 1;
    for (const counter of destinationCounters(dest)) {
      const key = `${scope}|${shortCounter(counter)}`;
      t[key] = [...(referrals?.m[key] ?? zeros())];
    }
  }
  return { u, ps: people?.n ?? 0, t, tp, rs: referrals?.n ?? 0 };
}

/**
 * What one patch of the participant codes did to the kept figures, from the document after it
 * (`after`, its `p`) and the patch's own increments (`writes`, times `sign`).
 */
export function peopleChange(planId: string, year: string, after: Record<string, number[]>, writes: SummaryWrite[], sign: 1 | -1): SummaryWrite[] {
  const byKey = new Map<string, SummaryWrite[]>();
  for (const w of writes) byKey.set(w.key, [...(byKey.get(w.key) ?? []), w]);
  const delta = new Map<string, number>();
  const add = (key: string, index: number, value: number) => delta.set(`${key}#${index}`, (delta.get(`${key}#${index}`) ?? 0) + value);
  for (const [key, own] of byKey) {
    const post = after[key] ?? zeros();
    const pre = [...post];
    for (const w of own) pre[w.index!] = (pre[w.index!] ?? 0) - sign * w.value;
    const scope = key.slice(0, key.indexOf('|'));
    const [was, is] = [firstMonth(pre), firstMonth(post)];
    if (was !== is) {
      if (was >= 0) add(`${scope}|f`, was, -1);
      if (is >= 0) add(`${scope}|f`, is, 1);
    }
    for (let i = 0; i < 12; i++) {
      const change = Number((post[i] ?? 0) !== 0) - Number((pre[i] ?? 0) !== 0);
      if (change) add(`${scope}|p`, i, change);
    }
  }
  return [...delta]
    .filter(([, value]) => value !== 0)
    .map(([at, value]) => {
      const hash = at.lastIndexOf('#');
      return { docId: summaryYearId(planId, year), field: 'u' as const, key: at.slice(0, hash), index: Number(at.slice(hash + 1)), value };
    });
}

/**
 * The increments of referral counters per destination, as the summary keeps them for their pair:
 * by pair (`r:<source>|<destination>`), each the same increment of `t`.
 */
export function pairChanges(planId: string, year: string, writes: SummaryWrite[]): Map<string, SummaryWrite[]> {
  const out = new Map<string, SummaryWrite[]>();
  for (const w of writes) {
    const bar = w.key.indexOf('|');
    const dest = destinationOf(longCounter(w.key.slice(bar + 1)));
    if (!dest || w.index === undefined) continue;
    const pair = `${w.key.slice(0, bar)}|${dest}`;
    out.set(pair, [...(out.get(pair) ?? []), { ...w, docId: summaryYearId(planId, year), field: 't' }]);
  }
  return out;
}

/** The kept figures a status can use, from the yearly summaries read (those that keep them). */
export interface KeptFiguresRead {
  /** Per year: per activity scope (long form), people first seen and present per month. */
  people: Map<string, Map<string, { first: number[]; present: number[] }>>;
  /** Per year: the pairs whose counters the summary holds (`referrals:<source>|<destination>`). */
  pairs: Map<string, Set<string>>;
}

export function keptFiguresFrom(docs: { type: string }[]): KeptFiguresRead {
  const out: KeptFiguresRead = { people: new Map(), pairs: new Map() };
  for (const doc of docs) {
    if (doc.type !== 'summary') continue;
    const s = doc as SummaryYear;
    if (s.ps !== undefined) {
      const scopes = new Map<string, { first: number[]; present: number[] }>();
      for (const [key, months] of Object.entries(s.u ?? {})) {
        const [scope, what] = [key.slice(0, key.lastIndexOf('|')), key.slice(key.lastIndexOf('|') + 1)];
        const entry = scopes.get(longScope(scope)) ?? scopes.set(longScope(scope), { first: zeros(), present: zeros() }).get(longScope(scope))!;
        if (what === 'f') entry.first = months;
        else entry.present = months;
      }
      out.people.set(s.year, scopes);
    }
    if (s.rs !== undefined) out.pairs.set(s.year, new Set(Object.keys(s.tp ?? {}).map(longPair)));
  }
  return out;
}

const longPair = (pair: string) => `${longScope(pair.slice(0, pair.indexOf('|')))}${pair.slice(pair.indexOf('|'))}`;

/**
 * What summaries keeping their figures would hold, for a computation over no data that names the
 * detail a status will need: only what they do not keep.
 */
export function keptByEverySummary(plan: Plan, years: string[]): KeptFiguresRead {
  const pairs = new Set(referralPairsOf(plan).map(longPair));
  return { people: new Map(years.map((y) => [y, new Map()])), pairs: new Map(years.map((y) => [y, pairs])) };
}
