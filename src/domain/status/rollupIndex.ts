import { lastDayOfMonth, monthsBetween, type IsoDate } from '../calendar';
import { LOGGED, type Rollup } from './rollups';
import { destinationOf, type KeptFiguresRead } from './keptFigures';
import { isDestinationCounter } from './summary';

export { monthsBetween } from '../calendar';

/**
 * Which detail a status has read besides the yearly summaries (domain/status/summary.ts): the
 * months whose day-level counters and the years whose participant codes. Absent: all of it.
 */
export interface LoadedDetail {
  /** Years whose summary was read. */
  years: ReadonlySet<string>;
  dayMonths: ReadonlySet<string>;
  codeYears: ReadonlySet<string>;
  referralYears: ReadonlySet<string>;
}

/** Detail a computation wanted and did not have: `year:<YYYY>`, `day:<YYYY-MM>`, `codes:<YYYY>`, `referrals:<YYYY>`. */
export type MissingDetail = Set<string>;

/**
 * Participant codes per scope as series: the months that have codes, in order, and for each code
 * its sessions in those months. Built from the rollups on first use, or given (decoded straight
 * from the stored codes, summary.ts), so the codes need not be spread over a rollup per month.
 */
export type CodeSeries = Map<string, { months: string[]; byCode: Map<string, number[]> }>;

/** Rollups by scope and month, with the sums status reads from them. */
export class RollupIndex {
  private readonly byScope = new Map<string, Map<string, Rollup>>();
  /** What was asked for and not loaded: a figure computed without it is not to be shown. */
  readonly missing: MissingDetail = new Set();

  private readonly series: CodeSeries;

  /** `codeSeries`: the codes, when the rollups were built without them; `kept`: what the summaries keep of the detail. */
  constructor(
    rollups: Rollup[],
    private readonly loaded?: LoadedDetail,
    private readonly codeSeriesGiven?: CodeSeries,
    private readonly kept?: KeptFiguresRead,
  ) {
    this.series = new Map(codeSeriesGiven);
    for (const r of rollups) {
      const months = this.byScope.get(r.scope) ?? new Map<string, Rollup>();
      months.set(r.month, r);
      this.byScope.set(r.scope, months);
    }
  }

  scopes(prefix: string): string[] {
    return [...this.byScope.keys()].filter((s) => s.startsWith(prefix));
  }

  month(scope: string, month: string): Rollup | undefined {
    if (this.loaded && !this.loaded.years.has(month.slice(0, 4))) this.missing.add(`year:${month.slice(0, 4)}`);
    return this.byScope.get(scope)?.get(month);
  }

  /** Whether the day-level counters of a month are at hand; notes them as missing when not. */
  private days(month: string): boolean {
    if (!this.loaded || this.loaded.dayMonths.has(month)) return true;
    this.missing.add(`day:${month}`);
    return false;
  }

  /**
   * Whether a counter is at hand for a month: referral counters per destination are kept apart,
   * those of the pairs the plan's targets name in the summary as well.
   */
  private counterOf(name: string, month: string, scope: string): boolean {
    const year = month.slice(0, 4);
    if (!this.loaded || !isDestinationCounter(name) || this.loaded.referralYears.has(year)) return true;
    if (this.kept?.pairs.get(year)?.has(`${scope}|${destinationOf(name)}`)) return true;
    this.missing.add(`referrals:${year}`);
    return false;
  }

  private codesOf(month: string): boolean {
    if (!this.loaded || this.loaded.codeYears.has(month.slice(0, 4))) return true;
    this.missing.add(`codes:${month.slice(0, 4)}`);
    return false;
  }

  /**
   * Whether no record of the month lies outside from..to, by the month's records per day: then its
   * totals are the period's. A month without that count (stored before it was kept) is not assumed.
   */
  private nothingLoggedOutside(month: string, from: IsoDate, to: IsoDate): boolean {
    const logged = this.byScope.get(LOGGED)?.get(month);
    if (!logged) return false;
    for (const [day, n] of Object.entries(logged.counters)) {
      const date = `${month}-${day.slice(1, 3)}`;
      if (n && (date < from || date > to)) return false;
    }
    return true;
  }

  /** A counter summed over days from..to: whole months from the month total, edge months day by day. */
  sum(scope: string, name: string, from: IsoDate, to: IsoDate, months?: (month: number) => boolean): number {
    if (to < from) return 0;
    let total = 0;
    for (const month of monthsBetween(from, to)) {
      if (months && !months(Number(month.slice(5, 7)))) continue;
      if (!this.counterOf(name, month, scope)) continue;
      const r = this.month(scope, month);
      if (!r) continue;
      if ((from <= `${month}-01` && to >= lastDayOfMonth(month)) || this.nothingLoggedOutside(month, from, to)) total += r.counters[name] ?? 0;
      else if (this.days(month)) {
        const suffix = `:${name}`;
        for (const [key, value] of Object.entries(r.counters)) {
          if (key.length !== 3 + suffix.length || key[0] !== 'd' || !key.endsWith(suffix)) continue;
          const date = `${month}-${key.slice(1, 3)}`;
          if (date >= from && date <= to) total += value;
        }
      }
    }
    return total;
  }

  /** The same counter over several scopes. */
  sumAll(scopes: string[], name: string, from: IsoDate, to: IsoDate): number {
    return scopes.reduce((n, scope) => n + this.sum(scope, name, from, to), 0);
  }

  /** A counter summed over whole months (referrals are kept per month). */
  sumMonths(scope: string, name: string, from: IsoDate, to: IsoDate): number {
    if (to < from) return 0;
    return monthsBetween(from, to).reduce((n, m) => n + (this.counterOf(name, m, scope) ? (this.month(scope, m)?.counters[name] ?? 0) : 0), 0);
  }

  /**
   * How many distinct people came, over whole months, across scopes. One activity's from January
   * (or of one month) is read from what the summary keeps (keptFigures.ts); anything else from the
   * participant codes.
   */
  distinctPeople(scopes: string[], from: IsoDate, to: IsoDate): number {
    if (to < from) return 0;
    const year = from.slice(0, 4);
    const kept = this.kept?.people.get(year);
    const [first, last] = [Number(from.slice(5, 7)) - 1, Number(to.slice(5, 7)) - 1];
    if (kept && scopes.length === 1 && to.slice(0, 4) === year && (first === 0 || first === last)) {
      const scope = kept.get(scopes[0]!);
      if (first === last) return scope?.present[first] ?? 0;
      return (scope?.first ?? []).slice(0, last + 1).reduce((n, v) => n + v, 0);
    }
    return this.codes(scopes, from, to).size;
  }

  /** Participant codes and how many sessions each came to, over whole months, across scopes. */
  codes(scopes: string | string[], from: IsoDate, to: IsoDate): Map<string, number> {
    const out = new Map<string, number>();
    if (to < from) return out;
    // Codes asked for before the month is looked at, so a dry run over no data still names the years it needs.
    const usable = monthsBetween(from, to).filter((m) => this.codesOf(m));
    for (const scope of Array.isArray(scopes) ? scopes : [scopes]) {
      const present = usable.filter((m) => this.month(scope, m));
      if (present.length === 1 && !this.codeSeriesGiven) {
        for (const [code, n] of Object.entries(this.month(scope, present[0]!)!.codes)) out.set(code, (out.get(code) ?? 0) + n);
        continue;
      }
      if (!present.length) continue;
      // Over several months: each code's series once, rather than every month's codes in turn.
      const { months, byCode } = this.codeSeries(scope);
      const wanted = new Set(present);
      const at = months.flatMap((m, i) => (wanted.has(m) ? [i] : []));
      for (const [code, series] of byCode) {
        let n = 0;
        for (const i of at) n += series[i]!;
        if (n) out.set(code, (out.get(code) ?? 0) + n);
      }
    }
    return out;
  }

  /** A scope's participant codes as one series of sessions per code over its months with codes; built once. */
  private codeSeries(scope: string): { months: string[]; byCode: Map<string, number[]> } {
    let built = this.series.get(scope);
    if (built) return built;
    if (this.codeSeriesGiven) return { months: [], byCode: new Map() };
    const rollups = [...(this.byScope.get(scope)?.values() ?? [])].filter((r) => Object.keys(r.codes).length).sort((a, b) => a.month.localeCompare(b.month));
    const byCode = new Map<string, number[]>();
    rollups.forEach((r, i) => {
      for (const [code, n] of Object.entries(r.codes)) {
        let series = byCode.get(code);
        if (!series) byCode.set(code, (series = new Array<number>(rollups.length).fill(0)));
        series[i] = n;
      }
    });
    this.series.set(scope, (built = { months: rollups.map((r) => r.month), byCode }));
    return built;
  }

  organisations(scopes: string[], from: IsoDate, to: IsoDate): Set<string> {
    const out = new Set<string>();
    for (const scope of scopes) for (const m of monthsBetween(from, to)) for (const org of Object.keys(this.month(scope, m)?.organisations ?? {})) out.add(org);
    return out;
  }

  /** The last day in from..to on which `counter` was logged, and that day's counters. */
  latestDay(scope: string, counter: string, from: IsoDate, to: IsoDate): { date: IsoDate; value: (name: string) => number } | undefined {
    for (const month of monthsBetween(from, to).reverse()) {
      const r = this.month(scope, month);
      if (!r || !(r.counters[counter] ?? 0)) continue;
      if (!this.days(month)) return undefined;
      const suffix = `:${counter}`;
      const days = Object.keys(r.counters)
        .filter((k) => k.length === 3 + suffix.length && k[0] === 'd' && k.endsWith(suffix))
        .map((k) => k.slice(1, 3))
        .filter((d) => `${month}-${d}` >= from && `${month}-${d}` <= to)
        .sort();
      const day = days[days.length - 1];
      if (day) return { date: `${month}-${day}`, value: (name) => r.counters[`d${day}:${name}`] ?? 0 };
    }
    return undefined;
  }
}
